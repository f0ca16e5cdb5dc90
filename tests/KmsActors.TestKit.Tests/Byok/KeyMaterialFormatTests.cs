using System.Security.Cryptography;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace KmsActors.TestKit.Tests.Byok;

public class KeyMaterialFormatTests
{
    [Theory]
    [InlineData(false, 32)]
    [InlineData(true, 16)]
    public void symmetric_material_is_32_random_bytes_or_16_in_china(bool china, int expectedLength)
    {
        var first = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT, china);
        var second = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT, china);

        Assert.Equal(expectedLength, first.Length);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(KeySpec.HMAC_224, 28)]
    [InlineData(KeySpec.HMAC_256, 32)]
    [InlineData(KeySpec.HMAC_384, 48)]
    [InlineData(KeySpec.HMAC_512, 64)]
    public void hmac_material_has_the_digest_length_of_its_spec(KeySpec spec, int expectedLength)
    {
        Assert.Equal(expectedLength, KeyMaterial.Create(spec).Length);
    }

    [Fact]
    public void hmac_material_of_a_chosen_length_has_that_length_even_outside_the_aws_range()
    {
        Assert.Equal(128, KeyMaterial.Hmac(KeySpec.HMAC_256, 128).Length);
        Assert.Equal(129, KeyMaterial.Hmac(KeySpec.HMAC_256, 129).Length);
        Assert.Throws<ArgumentException>(() => KeyMaterial.Hmac(KeySpec.SYMMETRIC_DEFAULT, 32));
    }

    [Theory]
    [InlineData(KeySpec.RSA_2048, 2048)]
    [InlineData(KeySpec.RSA_3072, 3072)]
    [InlineData(KeySpec.RSA_4096, 4096)]
    public void rsa_material_is_a_two_prime_pkcs8_private_key_of_the_spec_size(KeySpec spec, int bits)
    {
        var material = KeyMaterial.CreateCached(spec);

        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(material, out var read);
        Assert.Equal(material.Length, read);
        Assert.Equal(bits, rsa.KeySize);
        Assert.Equal("1.2.840.113549.1.1.1", Pkcs8.Read(material).Algorithm);
    }

    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256, "1.2.840.10045.3.1.7")]
    [InlineData(KeySpec.ECC_NIST_P384, "1.3.132.0.34")]
    [InlineData(KeySpec.ECC_NIST_P521, "1.3.132.0.35")]
    [InlineData(KeySpec.ECC_SECG_P256K1, "1.3.132.0.10")]
    public void ecc_material_is_a_pkcs8_private_key_on_the_named_curve_of_the_spec(KeySpec spec, string curveOid)
    {
        var material = KeyMaterial.Create(spec);

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(material, out var read);
        Assert.Equal(material.Length, read);
        Assert.Equal(curveOid, ecdsa.ExportParameters(false).Curve.Oid.Value);
        Assert.Equal(Pkcs8.IdEcPublicKey, Pkcs8.Read(material).Algorithm);
        Assert.Equal(curveOid, Pkcs8.NamedCurve(material));
        Assert.Equal(0x04, Pkcs8.EcPublicPoint(material)![0]);
    }

    [Fact]
    public void sm2_material_is_a_pkcs8_private_key_on_the_sm2_curve_with_its_public_point()
    {
        var material = KeyMaterial.Create(KeySpec.SM2);

        var key = (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(material);
        var domain = Assert.IsType<ECNamedDomainParameters>(key.Parameters);
        Assert.Equal(GMObjectIdentifiers.sm2p256v1, domain.Name);
        Assert.Equal(Pkcs8.IdEcPublicKey, Pkcs8.Read(material).Algorithm);
        var expectedPoint = domain.G.Multiply(key.D).Normalize().GetEncoded(compressed: false);
        Assert.Equal(expectedPoint, Pkcs8.EcPublicPoint(material));
    }

    [Theory]
    [InlineData(KeySpec.ML_DSA_44)]
    [InlineData(KeySpec.ML_DSA_87)]
    [InlineData(KeySpec.ECC_NIST_EDWARDS25519)]
    public void specs_kms_cannot_import_are_refused_with_the_spec_named(KeySpec spec)
    {
        var error = Assert.Throws<ArgumentException>(() => KeyMaterial.Create(spec));
        Assert.Contains(spec.ToString(), error.Message);
    }

    [Fact]
    public void cached_material_is_the_same_bytes_per_spec_in_a_fresh_array()
    {
        var first = KeyMaterial.CreateCached(KeySpec.ECC_NIST_P384);
        var second = KeyMaterial.CreateCached(KeySpec.ECC_NIST_P384);
        first[0] ^= 0xFF;

        Assert.NotSame(first, second);
        Assert.Equal(KeyMaterial.CreateCached(KeySpec.ECC_NIST_P384), second);
        Assert.NotEqual(KeyMaterial.CreateCached(KeySpec.ECC_NIST_P384), KeyMaterial.Create(KeySpec.ECC_NIST_P384));
        Assert.Equal(16, KeyMaterial.CreateCached(KeySpec.SYMMETRIC_DEFAULT, chinaPartition: true).Length);
        Assert.Equal(32, KeyMaterial.CreateCached(KeySpec.SYMMETRIC_DEFAULT).Length);
    }
}
