using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>A refused ImportKeyMaterial leaves its import token usable (docs/byok.md): the retry with the right material
/// succeeds, whether the token's wrapping key is still kept ready (kms.import.ready-wrapping-keys) or not.</summary>
public sealed class ImportRetryTests : EngineTestBase
{
    [Theory]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256)]
    public async Task a_token_refused_for_undecryptable_material_imports_the_right_material_afterwards(AlgorithmSpec algorithm)
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId!, algorithm);
        var foreign = await Parameters((await CreateExternalKey()).KeyId!, algorithm);
        var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);

        var refused = await Assert.ThrowsAsync<KmsException>(() =>
            Engine.ImportKeyMaterial(Request(key.KeyId!, parameters, KeyMaterialWrapper.Wrap(foreign.PublicKey!, algorithm, material))));
        Assert.Equal(KmsErrorCodes.InvalidCiphertextException, refused.ErrorCode);

        await Engine.ImportKeyMaterial(Request(key.KeyId!, parameters, KeyMaterialWrapper.Wrap(parameters.PublicKey!, algorithm, material)));
        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId!)).KeyState);
    }

    [Fact]
    public async Task a_token_refused_for_material_of_the_wrong_length_imports_the_right_material_afterwards()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId!, AlgorithmSpec.RSAES_OAEP_SHA_256);

        var refused = await Assert.ThrowsAsync<KmsException>(() => Engine.ImportKeyMaterial(
            Request(key.KeyId!, parameters, KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSAES_OAEP_SHA_256, new byte[16]))));
        Assert.Equal(KmsErrorCodes.IncorrectKeyMaterialException, refused.ErrorCode);

        await Engine.ImportKeyMaterial(Request(key.KeyId!, parameters,
            KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSAES_OAEP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT))));
        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId!)).KeyState);
    }
}
