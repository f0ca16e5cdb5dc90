using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.TestKit.Tests.Foundation;

/// <summary>A KmsTestKit test calls as a principal with <c>As(...)</c>; kms.iam in the test's HOCON says what it may do.</summary>
public sealed class CallerTests() : KmsTestKit(""""
    kms.import.pool { RSA_2048 = 0, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }
    kms.iam.principals = [
      { arn = "arn:aws:iam::111122223333:role/app"
        policies = ["""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:GetParametersForImport","kms:DescribeKey"],"Resource":"*"}]}"""] }
    ]
    """")
{
    private const string App = "arn:aws:iam::111122223333:role/app";

    [Fact]
    public async Task as_role_app_import_key_material_is_refused_and_the_key_stays_pending_import()
    {
        var engine = KmsEngine.Start(Sys);
        var key = (await engine.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata!;
        var parameters = await engine.GetParametersForImport(new GetParametersForImportRequest
        {
            KeyId = key.KeyId, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
        }, As(App));
        var import = new ImportKeyMaterialRequest
        {
            KeyId = key.KeyId,
            ImportToken = parameters.ImportToken,
            EncryptedKeyMaterial = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSAES_OAEP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT)),
            ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
        };

        var refused = await Assert.ThrowsAsync<KmsException>(() => engine.ImportKeyMaterial(import, As(App)));

        Assert.Equal("AccessDeniedException", refused.ErrorCode);
        Assert.Equal($"User: {App} is not authorized to perform: kms:ImportKeyMaterial on resource: {key.Arn} because no identity-based policy allows the kms:ImportKeyMaterial action", refused.Message);
        Assert.Equal(KeyState.PendingImport, (await engine.DescribeKey(new DescribeKeyRequest { KeyId = key.KeyId }, As(App))).KeyMetadata!.KeyState);
        await engine.ImportKeyMaterial(import); // the account root may, with the same token: the refusal consumed nothing
        Assert.Equal(KeyState.Enabled, (await engine.DescribeKey(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata!.KeyState);
    }
}
