using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Crypto.Assertions;

namespace KmsActors.Kms.Tests.Crypto;

public class KeyMaterialFactoryTests
{
    [Theory]
    [InlineData(KeySpec.SYMMETRIC_DEFAULT, typeof(SymmetricKeyMaterial))]
    [InlineData(KeySpec.HMAC_224, typeof(HmacKeyMaterial))]
    [InlineData(KeySpec.HMAC_512, typeof(HmacKeyMaterial))]
    [InlineData(KeySpec.RSA_2048, typeof(RsaKeyMaterial))]
    [InlineData(KeySpec.ECC_NIST_P256, typeof(EccKeyMaterial))]
    [InlineData(KeySpec.ECC_NIST_P521, typeof(EccKeyMaterial))]
    [InlineData(KeySpec.ECC_SECG_P256K1, typeof(EccKeyMaterial))]
    [InlineData(KeySpec.SM2, typeof(Sm2KeyMaterial))]
    public void generated_material_passes_validation_and_builds_the_spec_crypto_object(KeySpec spec, Type expected)
    {
        var material = KeyMaterialFactory.Generate(spec, chinaPartition: spec == KeySpec.SM2);
        var validated = KeyMaterialValidator.Validate(spec, material, chinaPartition: spec == KeySpec.SM2);
        using var key = KeyMaterialFactory.Create(spec, material);

        Assert.IsType(expected, key);
        Assert.Equal(spec, key.Spec);
        Assert.Equal(validated.PublicKeyDer, key.PublicKeyDer);
    }

    [Theory]
    [InlineData(KeySpec.HMAC_224, 28)]
    [InlineData(KeySpec.HMAC_256, 32)]
    [InlineData(KeySpec.HMAC_384, 48)]
    [InlineData(KeySpec.HMAC_512, 64)]
    public void generated_hmac_material_has_the_spec_minimum_length(KeySpec spec, int length) =>
        Assert.Equal(length, KeyMaterialFactory.Generate(spec).Length);

    [Fact]
    public void generated_symmetric_material_is_32_bytes_or_16_in_china()
    {
        Assert.Equal(32, KeyMaterialFactory.Generate(KeySpec.SYMMETRIC_DEFAULT).Length);
        Assert.Equal(16, KeyMaterialFactory.Generate(KeySpec.SYMMETRIC_DEFAULT, chinaPartition: true).Length);
        Assert.NotEqual(KeyMaterialFactory.Generate(KeySpec.SYMMETRIC_DEFAULT), KeyMaterialFactory.Generate(KeySpec.SYMMETRIC_DEFAULT));
    }

    [Fact]
    public void specs_kmsactors_cannot_compute_are_unsupported()
    {
        ThrowsKms(KmsErrorCodes.UnsupportedOperationException, () => KeyMaterialFactory.Generate(KeySpec.ML_DSA_65));
        ThrowsKms(KmsErrorCodes.UnsupportedOperationException, () => KeyMaterialFactory.Create(KeySpec.ECC_NIST_EDWARDS25519, new byte[32]));
    }
}
