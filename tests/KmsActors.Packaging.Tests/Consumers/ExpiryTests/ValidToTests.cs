using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.TestKit;
using KmsActors.TestKit.Byok;
using Xunit;

namespace ExpiryTests;

public sealed class ValidToTests : KmsTestKit
{
    [Fact]
    public async Task imported_material_expires_at_its_valid_to_and_the_key_waits_for_an_import_again()
    {
        var engine = KmsEngine.Start(Sys);
        SettleOn(engine.Actor);
        var key = (await engine.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata!;
        var parameters = await engine.GetParametersForImport(new GetParametersForImportRequest
        {
            KeyId = key.KeyId, WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
        });
        var validTo = EngineNow.AddDays(30);
        await engine.ImportKeyMaterial(new ImportKeyMaterialRequest
        {
            KeyId = key.KeyId,
            ImportToken = parameters.ImportToken,
            EncryptedKeyMaterial = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT)),
            ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES,
            ValidTo = validTo,
        });
        Assert.Equal(KeyState.Enabled, (await engine.DescribeKey(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata!.KeyState);

        await AdvanceAsync(TimeSpan.FromDays(31));

        var expired = (await engine.DescribeKey(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata!;
        Assert.Equal(KeyState.PendingImport, expired.KeyState);
        Assert.True(EngineNow > validTo);
    }
}
