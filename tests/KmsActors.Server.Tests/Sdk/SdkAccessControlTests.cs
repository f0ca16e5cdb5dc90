using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Server.Tests.Support;
using KmsActors.TestKit.Byok;
using KmsModel = KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>
/// The BYOK flow under access control, through the AWS SDK with two principals: the account root (key administrator)
/// and role/app limited by the BYOK documents' example identity policy (<see cref="AccessControlServerFixture"/>).
/// Each refusal is AccessDeniedException with AWS's message and leaves the key as it was.
/// </summary>
public sealed class SdkAccessControlTests(AccessControlServerFixture fixture) : IClassFixture<AccessControlServerFixture>, IDisposable
{
    private const string App = AccessControlServerFixture.AppRole;
    private readonly AmazonKeyManagementServiceClient _admin = fixture.Admin();
    private readonly AmazonKeyManagementServiceClient _app = fixture.App();

    public void Dispose()
    {
        _admin.Dispose();
        _app.Dispose();
    }

    private static string Denied(string action, string resource, string kind = "identity-based") =>
        $"User: {App} is not authorized to perform: kms:{action} on resource: {resource} because no {kind} policy allows the kms:{action} action";

    /// <summary>The SDK has no AccessDeniedException type for KMS: it is the service exception with that error code.</summary>
    private static async Task<AmazonKeyManagementServiceException> AccessDenied(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<AmazonKeyManagementServiceException>(call);
        Assert.Equal("AccessDeniedException", error.ErrorCode);
        return error;
    }

    private async Task<KeyMetadata> AppCreatesExternalKey() =>
        (await _app.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata;

    private Task<GetParametersForImportResponse> Parameters(IAmazonKeyManagementService kms, string keyId, WrappingKeySpec spec) =>
        kms.GetParametersForImportAsync(new GetParametersForImportRequest
        {
            KeyId = keyId,
            WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256,
            WrappingKeySpec = spec,
        });

    private static ImportKeyMaterialRequest Import(string keyId, GetParametersForImportResponse parameters, byte[] material, DateTime? validTo) => new()
    {
        KeyId = keyId,
        ImportToken = new MemoryStream(parameters.ImportToken.ToArray()),
        EncryptedKeyMaterial = new MemoryStream(KeyMaterialWrapper.Wrap(parameters.PublicKey.ToArray(), KmsModel.AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material)),
        ExpirationModel = validTo is null ? ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE : ExpirationModelType.KEY_MATERIAL_EXPIRES,
        ValidTo = validTo,
    };

    private async Task<KeyState> StateOf(string keyId) =>
        (await _admin.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata.KeyState;

    [Fact]
    public async Task the_app_may_create_external_keys_only()
    {
        var key = await AppCreatesExternalKey();
        Assert.Equal(KeyState.PendingImport, key.KeyState);

        var error = await AccessDenied(() => _app.CreateKeyAsync(new CreateKeyRequest()));
        Assert.Equal(Denied("CreateKey", "*"), error.Message);
    }

    [Fact]
    public async Task import_parameters_for_a_weaker_wrapping_key_are_refused_and_for_rsa_4096_allowed()
    {
        var key = await AppCreatesExternalKey();

        var error = await AccessDenied(() => Parameters(_app, key.KeyId, WrappingKeySpec.RSA_2048));
        Assert.Equal(Denied("GetParametersForImport", key.Arn), error.Message);

        var parameters = await Parameters(_app, key.KeyId, WrappingKeySpec.RSA_4096);
        Assert.Equal(key.Arn, parameters.KeyId);
    }

    [Fact]
    public async Task import_of_material_that_does_not_expire_or_expires_too_late_is_refused_and_changes_nothing()
    {
        var key = await AppCreatesExternalKey();
        var parameters = await Parameters(_app, key.KeyId, WrappingKeySpec.RSA_4096);
        var material = KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT);

        var never = await AccessDenied(() => _app.ImportKeyMaterialAsync(Import(key.KeyId, parameters, material, validTo: null)));
        Assert.Equal(Denied("ImportKeyMaterial", key.Arn), never.Message);
        var tooLate = fixture.LatestValidTo.AddDays(1).UtcDateTime;
        var late = await AccessDenied(() => _app.ImportKeyMaterialAsync(Import(key.KeyId, parameters, material, tooLate)));
        Assert.Equal(Denied("ImportKeyMaterial", key.Arn), late.Message);
        Assert.Equal(KeyState.PendingImport, await StateOf(key.KeyId));

        // The same token still works: a refused call consumed nothing.
        await _app.ImportKeyMaterialAsync(Import(key.KeyId, parameters, material, fixture.LatestValidTo.UtcDateTime));
        Assert.Equal(KeyState.Enabled, await StateOf(key.KeyId));
        var encrypted = await _app.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = new MemoryStream("byok"u8.ToArray()) });
        Assert.Equal(key.Arn, encrypted.KeyId);
    }

    [Fact]
    public async Task deleting_imported_material_needs_kms_DeleteImportedKeyMaterial()
    {
        var key = await AppCreatesExternalKey();
        var parameters = await Parameters(_app, key.KeyId, WrappingKeySpec.RSA_4096);
        await _app.ImportKeyMaterialAsync(Import(key.KeyId, parameters, KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT), fixture.LatestValidTo.UtcDateTime));

        var error = await AccessDenied(() => _app.DeleteImportedKeyMaterialAsync(new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId }));
        Assert.Equal(Denied("DeleteImportedKeyMaterial", key.Arn), error.Message);
        Assert.Equal(KeyState.Enabled, await StateOf(key.KeyId));

        await _admin.DeleteImportedKeyMaterialAsync(new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId });
        Assert.Equal(KeyState.PendingImport, await StateOf(key.KeyId));
    }

    [Fact]
    public async Task a_key_policy_that_names_the_app_lets_it_in_without_an_identity_policy()
    {
        var key = (await _admin.CreateKeyAsync(new CreateKeyRequest
        {
            Policy = $$"""
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
                  {"Sid":"Allow use of the key","Effect":"Allow","Principal":{"AWS":"{{App}}"},"Action":["kms:GenerateDataKey"],"Resource":"*"}]}
                """,
        })).KeyMetadata;

        var dataKey = await _app.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = key.KeyId, KeySpec = DataKeySpec.AES_256 });
        Assert.Equal(32, dataKey.Plaintext.Length);
        var error = await AccessDenied(() => _app.DisableKeyAsync(new DisableKeyRequest { KeyId = key.KeyId }));
        Assert.Equal(Denied("DisableKey", key.Arn), error.Message);
    }

    [Fact]
    public async Task a_grant_lets_the_app_generate_data_keys_under_its_encryption_context_constraint_until_it_is_retired()
    {
        var key = (await _admin.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;
        var request = new GenerateDataKeyRequest { KeyId = key.KeyId, KeySpec = DataKeySpec.AES_256, EncryptionContext = new() { ["tenant"] = "t1" } };
        Assert.Equal(Denied("GenerateDataKey", key.Arn), (await AccessDenied(() => _app.GenerateDataKeyAsync(request))).Message);

        var grant = await _admin.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key.KeyId, GranteePrincipal = App, RetiringPrincipal = "arn:aws:iam::111122223333:root", Operations = [GrantOperation.GenerateDataKey],
            Constraints = new GrantConstraints { EncryptionContextSubset = new() { ["tenant"] = "t1" } },
        });
        request.GrantTokens = [grant.GrantToken];
        Assert.Equal(32, (await _app.GenerateDataKeyAsync(request)).Plaintext.Length);
        request.EncryptionContext = new() { ["tenant"] = "t2" };
        await AccessDenied(() => _app.GenerateDataKeyAsync(request));
        var listed = await _admin.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyId });
        Assert.Equal([grant.GrantId], listed.Grants.Select(g => g.GrantId));

        await _admin.RetireGrantAsync(new RetireGrantRequest { GrantToken = grant.GrantToken });
        request.EncryptionContext = new() { ["tenant"] = "t1" };
        await AccessDenied(() => _app.GenerateDataKeyAsync(request));
    }

    [Fact]
    public async Task a_key_policy_that_locks_the_caller_out_is_refused_unless_the_check_is_bypassed()
    {
        var key = (await _admin.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;
        var appOnly = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{App}}"},"Action":"kms:*","Resource":"*"}]}""";

        var error = await Assert.ThrowsAsync<MalformedPolicyDocumentException>(() =>
            _admin.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, PolicyName = "default", Policy = appOnly }));
        Assert.Equal("The new key policy will not allow you to update the key policy in the future.", error.Message);

        await _admin.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, PolicyName = "default", Policy = appOnly, BypassPolicyLockoutSafetyCheck = true });
        var policy = await _app.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = key.KeyId, PolicyName = "default" });
        Assert.Equal(appOnly, policy.Policy);
        var locked = await AccessDenied(() => _admin.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId }));
        Assert.StartsWith("User: arn:aws:iam::111122223333:root is not authorized to perform: kms:DescribeKey", locked.Message);
    }
}
