using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace KmsActors.TestKit.Tests.Byok;

public class KeyMaterialEdgeCaseTests
{
    [Fact]
    public void multi_prime_rsa_material_is_a_valid_version_1_key_with_three_primes()
    {
        var material = KeyMaterial.RsaMultiPrime(2048);

        var (algorithm, _, privateKey) = Pkcs8.Read(material);
        Assert.Equal("1.2.840.113549.1.1.1", algorithm);
        var rsaKey = new AsnReader(privateKey, AsnEncodingRules.DER).ReadSequence();
        Assert.Equal(1, (int)rsaKey.ReadInteger());
        var n = rsaKey.ReadInteger();
        var e = rsaKey.ReadInteger();
        var d = rsaKey.ReadInteger();
        var p = rsaKey.ReadInteger();
        var q = rsaKey.ReadInteger();
        rsaKey.ReadInteger(); // exponent1
        rsaKey.ReadInteger(); // exponent2
        rsaKey.ReadInteger(); // coefficient
        var others = rsaKey.ReadSequence();
        var otherPrimeInfo = others.ReadSequence();
        var r = otherPrimeInfo.ReadInteger();
        Assert.False(others.HasData);

        Assert.Equal(2048, (int)n.GetBitLength());
        Assert.Equal(n, p * q * r);
        var message = new BigInteger(RandomNumberGenerator.GetBytes(64), isUnsigned: true);
        Assert.Equal(message, BigInteger.ModPow(BigInteger.ModPow(message, e, n), d, n));
    }

    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256)]
    [InlineData(KeySpec.ECC_NIST_P521)]
    [InlineData(KeySpec.ECC_SECG_P256K1)]
    public void explicit_parameter_material_has_no_named_curve_but_the_same_curve_written_out(KeySpec spec)
    {
        var material = KeyMaterial.EcExplicitParameters(spec);

        Assert.Null(Pkcs8.NamedCurve(material));
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(material, out _);
        var curve = ecdsa.ExportExplicitParameters(false).Curve;
        using var named = ECDsa.Create(Curves.For(spec));
        var expected = named.ExportExplicitParameters(false).Curve;
        Assert.True(curve.IsExplicit);
        Assert.Equal(expected.Prime, curve.Prime);
        Assert.Equal(expected.Order, curve.Order);
        Assert.Equal(expected.G.X, curve.G.X);
    }

    [Fact]
    public void explicit_parameter_sm2_material_carries_the_sm2_curve_without_its_oid()
    {
        var material = KeyMaterial.EcExplicitParameters(KeySpec.SM2);

        Assert.Null(Pkcs8.NamedCurve(material));
        var key = (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(material);
        Assert.IsNotType<ECNamedDomainParameters>(key.Parameters);
        Assert.Equal(Org.BouncyCastle.Asn1.GM.GMNamedCurves.GetByName("sm2p256v1").N, key.Parameters.N);
    }

    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256, "1.2.840.10045.3.1.7")]
    [InlineData(KeySpec.ECC_NIST_P384, "1.3.132.0.34")]
    [InlineData(KeySpec.ECC_SECG_P256K1, "1.3.132.0.10")]
    [InlineData(KeySpec.SM2, "1.2.156.10197.1.301")]
    public void compressed_point_material_carries_the_right_public_point_in_compressed_form(KeySpec spec, string curveOid)
    {
        var material = KeyMaterial.EcCompressedPoint(spec);

        Assert.Equal(curveOid, Pkcs8.NamedCurve(material));
        var point = Pkcs8.EcPublicPoint(material)!;
        Assert.Contains(point[0], new byte[] { 0x02, 0x03 });
        var key = (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(material);
        var expected = key.Parameters.G.Multiply(key.D).Normalize();
        Assert.Equal(expected.GetEncoded(compressed: true), point);
        Assert.Equal(expected, key.Parameters.Curve.DecodePoint(point));
    }

    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256)]
    [InlineData(KeySpec.ECC_NIST_P521)]
    public void material_without_public_key_has_none_and_still_imports_with_dotnet(KeySpec spec)
    {
        var material = KeyMaterial.EcWithoutPublicKey(spec);

        Assert.Null(Pkcs8.EcPublicPoint(material));
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(material, out _);
        var signature = ecdsa.SignData("message"u8, HashAlgorithmName.SHA256);
        Assert.True(ecdsa.VerifyData("message"u8, signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void edge_case_ec_helpers_refuse_non_ec_specs()
    {
        Assert.Throws<ArgumentException>(() => KeyMaterial.EcCompressedPoint(KeySpec.RSA_2048));
        Assert.Throws<ArgumentException>(() => KeyMaterial.EcExplicitParameters(KeySpec.HMAC_256));
    }

    private static class Curves
    {
        public static ECCurve For(KeySpec spec) => spec switch
        {
            KeySpec.ECC_NIST_P256 => ECCurve.NamedCurves.nistP256,
            KeySpec.ECC_NIST_P521 => ECCurve.NamedCurves.nistP521,
            _ => ECCurve.CreateFromValue("1.3.132.0.10"),
        };
    }
}
