using System.Formats.Asn1;
using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Crypto.Assertions;

namespace KmsActors.Kms.Tests.Crypto;

public class KeyMaterialValidatorRsaTests
{
    [Theory]
    [InlineData(KeySpec.RSA_2048, 2048)]
    [InlineData(KeySpec.RSA_3072, 3072)]
    [InlineData(KeySpec.RSA_4096, 4096)]
    public void rsa_pkcs8_of_the_spec_size_is_accepted_with_its_derived_public_key(KeySpec spec, int bits)
    {
        var material = TestKeys.RsaPkcs8(bits);
        var validated = KeyMaterialValidator.Validate(spec, material, false);

        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(material, out _);
        Assert.Equal(material, validated.Material);
        Assert.Equal(rsa.ExportSubjectPublicKeyInfo(), validated.PublicKeyDer);
    }

    [Theory]
    [InlineData(KeySpec.RSA_2048, 3072)]
    [InlineData(KeySpec.RSA_3072, 4096)]
    [InlineData(KeySpec.RSA_4096, 2048)]
    public void rsa_key_of_another_modulus_size_is_incorrect_key_material(KeySpec spec, int actualBits)
    {
        var error = ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException,
            () => KeyMaterialValidator.Validate(spec, TestKeys.RsaPkcs8(actualBits), false));
        Assert.StartsWith($"The RSA modulus is {actualBits} bits; {spec} needs exactly ", error.Message);
    }

    [Fact]
    public void multi_prime_rsa_material_is_rejected()
    {
        var threePrime = TestKeys.ThreePrimeRsaPkcs8(2048);
        var error = ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException,
            () => KeyMaterialValidator.Validate(KeySpec.RSA_2048, threePrime, false));
        Assert.Contains("more than two primes", error.Message);
    }

    [Fact]
    public void rsa_key_with_a_tampered_prime_is_rejected_as_inconsistent()
    {
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(TestKeys.RsaPkcs8(2048), out _);
        var p = rsa.ExportParameters(true);
        p.DP![^1] ^= 0x01;
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(0);
            // ExportParameters pads D, DP, DQ and InverseQ to half the modulus length: DER integers carry no leading zeros.
            foreach (var v in new[] { p.Modulus!, p.Exponent!, p.D!, p.P!, p.Q!, p.DP, p.DQ!, p.InverseQ! })
                w.WriteIntegerUnsigned(v.AsSpan(Math.Min(v.AsSpan().IndexOfAnyExcept((byte)0), v.Length - 1)));
        }
        var nullParams = new AsnWriter(AsnEncodingRules.DER);
        nullParams.WriteNull();
        var material = TestKeys.Pkcs8(Pkcs8PrivateKeyInfo.RsaEncryptionOid, nullParams.Encode(), w.Encode());

        var error = ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException,
            () => KeyMaterialValidator.Validate(KeySpec.RSA_2048, material, false));
        Assert.Contains("inconsistent", error.Message);
    }

    [Fact]
    public void rsa_pkcs8_in_non_minimal_ber_is_accepted()
    {
        var ber = TestKeys.AsNonMinimalBer(TestKeys.RsaPkcs8(2048));
        Assert.NotNull(KeyMaterialValidator.Validate(KeySpec.RSA_2048, ber, false).PublicKeyDer);
    }

    [Theory]
    [InlineData(new byte[] { 0x30, 0x03, 0x02, 0x01 })]
    [InlineData(new byte[] { 0x01, 0x02, 0x03 })]
    [InlineData(new byte[0])]
    public void garbage_der_is_incorrect_key_material(byte[] garbage)
    {
        var error = ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException,
            () => KeyMaterialValidator.Validate(KeySpec.RSA_2048, garbage, false));
        Assert.Contains("not a valid PKCS#8", error.Message);
    }

    [Fact]
    public void truncated_rsa_pkcs8_is_incorrect_key_material()
    {
        var material = TestKeys.RsaPkcs8(2048);
        ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException,
            () => KeyMaterialValidator.Validate(KeySpec.RSA_2048, material.AsSpan(0, material.Length - 10), false));
    }

    [Fact]
    public void ec_material_for_an_rsa_spec_is_incorrect_key_material()
    {
        var ec = KeyMaterialFactory.Generate(KeySpec.ECC_NIST_P256);
        var error = ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException,
            () => KeyMaterialValidator.Validate(KeySpec.RSA_2048, ec, false));
        Assert.Contains("needs an RSA private key", error.Message);
    }
}
