using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Authorization;

/// <summary>Grants as the engine enforces them (docs/grants.md, docs/access-control.md): a grant gives a principal that
/// no policy allows the granted operations and no others, under the grant's encryption context constraint.</summary>
public sealed class GrantEnforcementTests() : ConditionKeyTestBase(Iam((Nobody, null)))
{
    private static readonly string Nobody = Role("nobody");

    [Fact]
    public async Task a_role_without_permissions_encrypts_through_a_grant_and_only_that()
    {
        var key = await NewKey();
        await AssertRefused(() => EncryptAs(Nobody, key.KeyId!), "AccessDeniedException", NoIdentityAllow(Nobody, "kms:Encrypt", key.Arn!));

        await Engine.CreateGrant(new CreateGrantRequest { KeyId = key.KeyId, GranteePrincipal = Nobody, Operations = [GrantOperation.Encrypt] });

        var encrypted = await EncryptAs(Nobody, key.KeyId!);
        Assert.Equal(key.Arn, encrypted.KeyId);
        await AssertRefused(() => Engine.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob }, As(Nobody)), "AccessDeniedException",
            NoIdentityAllow(Nobody, "kms:Decrypt", key.Arn!));
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.DisableKey(new DisableKeyRequest { KeyId = key.KeyId }, As(Nobody)), "AccessDeniedException",
            NoIdentityAllow(Nobody, "kms:DisableKey", key.Arn!));
    }

    [Fact]
    public async Task a_grant_with_an_encryption_context_subset_needs_that_context()
    {
        var key = await NewKey();
        await Engine.CreateGrant(new CreateGrantRequest
        {
            KeyId = key.KeyId,
            GranteePrincipal = Nobody,
            Operations = [GrantOperation.Encrypt],
            Constraints = new GrantConstraints { EncryptionContextSubset = new Dictionary<string, string> { ["tenant"] = "acme" } },
        });

        Assert.Equal(key.Arn, (await EncryptAs(Nobody, key.KeyId!, new Dictionary<string, string> { ["tenant"] = "acme", ["purpose"] = "x" })).KeyId);
        await AssertRefused(() => EncryptAs(Nobody, key.KeyId!), "AccessDeniedException", NoIdentityAllow(Nobody, "kms:Encrypt", key.Arn!));
        await AssertRefused(() => EncryptAs(Nobody, key.KeyId!, new Dictionary<string, string> { ["tenant"] = "globex" }), "AccessDeniedException",
            NoIdentityAllow(Nobody, "kms:Encrypt", key.Arn!));
    }
}
