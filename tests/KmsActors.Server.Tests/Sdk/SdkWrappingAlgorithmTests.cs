using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Server.Tests.Support;
using KmsActors.TestKit.Byok;
using KmsModel = KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>Every wrapping algorithm through the AWS SDK: the four supported ones import, the others are refused.</summary>
public sealed class SdkWrappingAlgorithmTests(EngineServerFixture fixture) : SdkTestBase(fixture), IClassFixture<EngineServerFixture>
{
    [Theory]
    [InlineData("RSAES_OAEP_SHA_1")]
    [InlineData("RSAES_OAEP_SHA_256")]
    [InlineData("RSA_AES_KEY_WRAP_SHA_1")]
    [InlineData("RSA_AES_KEY_WRAP_SHA_256")]
    public async Task symmetric_material_wrapped_with_each_supported_algorithm_imports_and_encrypts(string algorithmName)
    {
        var algorithm = AlgorithmSpec.FindValue(algorithmName);
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId, algorithm, WrappingKeySpec.RSA_2048);

        var imported = await Kms.ImportKeyMaterialAsync(Request(key.KeyId, parameters, Wrap(parameters, KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT), algorithm)));

        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId)).KeyState);
        var encrypted = await Kms.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = Stream([1, 2, 3]) });
        var decrypted = await Kms.DecryptAsync(new DecryptRequest { CiphertextBlob = Stream(encrypted.CiphertextBlob.ToArray()) });
        Assert.Equal([1, 2, 3], decrypted.Plaintext.ToArray());
        Assert.Equal(imported.KeyMaterialId, decrypted.KeyMaterialId);
    }

    [Fact]
    public async Task rsaes_pkcs1_v1_5_is_refused_as_a_validation_error()
    {
        var key = await CreateExternalKey();

        await RefusedAsValidation(() => Parameters(key.KeyId, AlgorithmSpec.RSAES_PKCS1_V1_5, WrappingKeySpec.RSA_2048),
            "The RSAES_PKCS1_V1_5 wrapping algorithm is deprecated and no longer supported. Use RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256.");
        await AssertStillPendingImport(key.KeyId);
    }

    [Fact]
    public async Task sm2pke_and_sm2_outside_china_are_no_values_of_their_enums()
    {
        var key = await CreateExternalKey();

        await RefusedAsValidation(() => Parameters(key.KeyId, AlgorithmSpec.SM2PKE, WrappingKeySpec.SM2),
            "2 validation errors detected: "
            + "Value 'SM2PKE' at 'wrappingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RSAES_PKCS1_V1_5, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, RSA_AES_KEY_WRAP_SHA_1, RSA_AES_KEY_WRAP_SHA_256]; "
            + "Value 'SM2' at 'wrappingKeySpec' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, RSA_3072, RSA_4096]");
        await RefusedAsValidation(() => Parameters(key.KeyId, AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.SM2),
            "1 validation error detected: Value 'SM2' at 'wrappingKeySpec' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, RSA_3072, RSA_4096]");
        await AssertStillPendingImport(key.KeyId);
    }

    [Fact]
    public async Task rsa_private_key_material_cannot_be_wrapped_in_one_rsaes_oaep_step()
    {
        var key = await CreateExternalKey(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);

        await RefusedAsValidation(() => Parameters(key.KeyId, AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048),
            "WrappingAlgorithm RSAES_OAEP_SHA_256 cannot wrap RSA_2048 key material. Use RSA_AES_KEY_WRAP_SHA_256.");
        await AssertStillPendingImport(key.KeyId);
    }
}
