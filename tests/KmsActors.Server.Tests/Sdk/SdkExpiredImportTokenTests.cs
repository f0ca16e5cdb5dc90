using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Server.Tests.Support;
using KmsActors.TestKit.Byok;
using KmsModel = KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>An import token past its 24 hours, on a server whose engine clock is virtual.</summary>
public sealed class SdkExpiredImportTokenTests(VirtualTimeServerFixture fixture) : IClassFixture<VirtualTimeServerFixture>
{
    [Fact]
    public async Task an_import_token_older_than_24_hours_is_an_expired_import_token()
    {
        using var kms = fixture.Client();
        var keyId = (await kms.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata.KeyId;
        var parameters = await kms.GetParametersForImportAsync(new GetParametersForImportRequest
        {
            KeyId = keyId, WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
        });
        var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey.ToArray(), KmsModel.AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT));

        fixture.Scheduler.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<ExpiredImportTokenException>(() => kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
        {
            KeyId = keyId,
            ImportToken = new MemoryStream(parameters.ImportToken.ToArray()),
            EncryptedKeyMaterial = new MemoryStream(wrapped),
            ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
        }));
        Assert.Equal(KeyState.PendingImport, (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata.KeyState);
    }
}
