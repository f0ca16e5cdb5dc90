using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Crypto.Assertions;

namespace KmsActors.Kms.Tests.Crypto;

public class KeyMaterialValidatorSymmetricTests
{
    [Fact]
    public void symmetric_material_of_32_bytes_is_accepted_as_is()
    {
        var material = RandomNumberGenerator.GetBytes(32);
        var validated = KeyMaterialValidator.Validate(KeySpec.SYMMETRIC_DEFAULT, material, chinaPartition: false);
        Assert.Equal(material, validated.Material);
        Assert.Null(validated.PublicKeyDer);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void symmetric_material_of_another_length_is_incorrect_key_material(int length)
    {
        var error = ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException,
            () => KeyMaterialValidator.Validate(KeySpec.SYMMETRIC_DEFAULT, new byte[length], false));
        Assert.Equal($"The key material is {length} bytes; SYMMETRIC_DEFAULT needs exactly 32.", error.Message);
    }

    [Fact]
    public void china_partition_symmetric_material_must_be_16_bytes()
    {
        Assert.Equal(16, KeyMaterialValidator.Validate(KeySpec.SYMMETRIC_DEFAULT, new byte[16], chinaPartition: true).Material.Length);
        var error = ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException,
            () => KeyMaterialValidator.Validate(KeySpec.SYMMETRIC_DEFAULT, new byte[32], chinaPartition: true));
        Assert.Contains("needs exactly 16", error.Message);
    }

    [Theory]
    [InlineData(KeySpec.HMAC_224, 28)]
    [InlineData(KeySpec.HMAC_256, 32)]
    [InlineData(KeySpec.HMAC_384, 48)]
    [InlineData(KeySpec.HMAC_512, 64)]
    public void hmac_material_from_the_spec_minimum_up_to_128_bytes_is_accepted(KeySpec spec, int minimum)
    {
        Assert.Equal(minimum, KeyMaterialValidator.Validate(spec, new byte[minimum], false).Material.Length);
        Assert.Equal(128, KeyMaterialValidator.Validate(spec, new byte[128], false).Material.Length);
    }

    [Theory]
    [InlineData(KeySpec.HMAC_224, 27)]
    [InlineData(KeySpec.HMAC_256, 31)]
    [InlineData(KeySpec.HMAC_384, 47)]
    [InlineData(KeySpec.HMAC_512, 63)]
    [InlineData(KeySpec.HMAC_224, 129)]
    [InlineData(KeySpec.HMAC_256, 129)]
    [InlineData(KeySpec.HMAC_384, 129)]
    [InlineData(KeySpec.HMAC_512, 129)]
    public void hmac_material_outside_the_spec_bounds_is_incorrect_key_material(KeySpec spec, int length)
    {
        var error = ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException,
            () => KeyMaterialValidator.Validate(spec, new byte[length], false));
        Assert.StartsWith($"The key material is {length} bytes; {spec} needs ", error.Message);
    }

    [Theory]
    [InlineData(KeySpec.ML_DSA_44)]
    [InlineData(KeySpec.ML_DSA_65)]
    [InlineData(KeySpec.ML_DSA_87)]
    [InlineData(KeySpec.ECC_NIST_EDWARDS25519)]
    public void specs_without_import_support_reject_any_material(KeySpec spec)
    {
        var error = ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException,
            () => KeyMaterialValidator.Validate(spec, new byte[32], false));
        Assert.Equal($"Key spec {spec} does not support imported key material.", error.Message);
    }

    [Fact]
    public void sm2_material_outside_china_is_incorrect_key_material()
    {
        var material = KeyMaterialFactory.Generate(KeySpec.SM2);
        ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException, () => KeyMaterialValidator.Validate(KeySpec.SM2, material, chinaPartition: false));
    }
}
