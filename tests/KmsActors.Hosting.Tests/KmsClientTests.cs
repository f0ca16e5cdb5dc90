using System.Text;
using KmsActors.Hosting.Tests.Support;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Hosting.Tests;

public sealed class KmsClientTests
{
    private static readonly CallerIdentity Alice = new("111122223333", "arn:aws:iam::111122223333:user/alice", "AKIAALICE");

    [Fact]
    public async Task an_imported_key_encrypts_and_decrypts_through_the_client_under_the_callers_identity()
    {
        await using var kms = await KmsHost.StartAsync();
        var keyId = await kms.CreateImportedKey(KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), caller: Alice);

        var described = await kms.Client.DescribeKey(new DescribeKeyRequest { KeyId = keyId }, Alice);
        var encrypted = await kms.Client.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = "hello BYOK"u8.ToArray() }, Alice);
        var decrypted = await kms.Client.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob }, Alice);

        Assert.Equal(KeyState.Enabled, described.KeyMetadata!.KeyState);
        Assert.Equal(OriginType.EXTERNAL, described.KeyMetadata.Origin);
        Assert.Equal("hello BYOK", Encoding.UTF8.GetString(decrypted.Plaintext!));
        Assert.Equal(described.KeyMetadata.Arn, decrypted.KeyId);
    }

    [Fact]
    public async Task a_role_without_permissions_encrypts_through_a_grant_until_it_is_revoked()
    {
        await using var kms = await KmsHost.StartAsync("""kms.iam.principals = [ { arn = "arn:aws:iam::111122223333:role/app" } ]""");
        var app = CallerIdentity.Of("arn:aws:iam::111122223333:role/app");
        var keyId = (await kms.Client.CreateKey(new CreateKeyRequest())).KeyMetadata!.KeyId!;
        var encrypt = new EncryptRequest { KeyId = keyId, Plaintext = [1] };
        Assert.Equal("AccessDeniedException", (await Assert.ThrowsAsync<KmsException>(() => kms.Client.Encrypt(encrypt, app))).ErrorCode);

        var grant = await kms.Client.CreateGrant(new CreateGrantRequest { KeyId = keyId, GranteePrincipal = app.PrincipalArn, Operations = [GrantOperation.Encrypt] });
        Assert.EndsWith(keyId, (await kms.Client.Encrypt(encrypt with { GrantTokens = [grant.GrantToken!] }, app)).KeyId, StringComparison.Ordinal);
        Assert.Equal([grant.GrantId], (await kms.Client.ListGrants(new ListGrantsRequest { KeyId = keyId })).Grants!.Select(g => g.GrantId));

        await kms.Client.RevokeGrant(new RevokeGrantRequest { KeyId = keyId, GrantId = grant.GrantId });
        Assert.Equal("AccessDeniedException", (await Assert.ThrowsAsync<KmsException>(() => kms.Client.Encrypt(encrypt, app))).ErrorCode);
    }

    [Fact]
    public async Task an_aws_error_arrives_as_a_kms_exception_with_the_aws_error_code()
    {
        await using var kms = await KmsHost.StartAsync();
        var created = await kms.Client.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL });

        var error = await Assert.ThrowsAsync<KmsException>(() =>
            kms.Client.Encrypt(new EncryptRequest { KeyId = created.KeyMetadata!.KeyId, Plaintext = [1] }));

        Assert.Equal(KmsErrorCodes.KMSInvalidStateException, error.ErrorCode);
    }

    [Fact]
    public async Task operations_without_output_complete_and_a_region_can_be_named_per_call()
    {
        await using var kms = await KmsHost.StartAsync();
        var created = await kms.Client.CreateKey(new CreateKeyRequest(), region: "eu-west-1");
        var keyId = created.KeyMetadata!.KeyId!;

        await kms.Client.DisableKey(new DisableKeyRequest { KeyId = keyId }, region: "eu-west-1");
        await kms.Client.CreateAlias(new CreateAliasRequest { AliasName = "alias/eu", TargetKeyId = keyId }, region: "eu-west-1");
        var described = await kms.Client.DescribeKey(new DescribeKeyRequest { KeyId = "alias/eu" }, region: "eu-west-1");

        Assert.StartsWith("arn:aws:kms:eu-west-1:", described.KeyMetadata!.Arn);
        Assert.Equal(KeyState.Disabled, described.KeyMetadata.KeyState);
        await Assert.ThrowsAsync<KmsException>(() => kms.Client.DescribeKey(new DescribeKeyRequest { KeyId = keyId }));
    }
}
