using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace KmsActors.Kms.Tests.Crypto;

/// <summary>DeriveSharedSecret's ECDH on key material (docs/derive-shared-secret.md): the raw secret equals what an
/// independent implementation computes from the other side, and a peer key that is no SPKI, names another curve or
/// holds no point of the curve is a ValidationException.</summary>
public class EcdhAgreementTests
{
    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256, 32)]
    [InlineData(KeySpec.ECC_NIST_P384, 48)]
    [InlineData(KeySpec.ECC_NIST_P521, 66)]
    [InlineData(KeySpec.ECC_SECG_P256K1, 32)] // material level only: AWS offers no KEY_AGREEMENT keys on secp256k1
    public void the_secret_is_the_one_dotnet_ecdiffiehellman_derives_on_the_peers_side(KeySpec spec, int fieldBytes)
    {
        using var key = new EccKeyMaterial(spec, KeyMaterialFactory.Generate(spec));
        using var peer = ECDiffieHellman.Create(EcCurve.ForSpec(spec)!.DotNetCurve);
        using var kmsPublic = ECDiffieHellman.Create();
        kmsPublic.ImportSubjectPublicKeyInfo(key.PublicKeyDer, out _);

        var secret = key.DeriveSharedSecret(peer.ExportSubjectPublicKeyInfo());

        Assert.Equal(fieldBytes, secret.Length);
        Assert.Equal(peer.DeriveRawSecretAgreement(kmsPublic.PublicKey), secret);
    }

    [Fact]
    public void the_sm2_secret_is_the_one_bouncycastle_ecdh_derives_on_the_peers_side()
    {
        using var key = new Sm2KeyMaterial(KeyMaterialFactory.Generate(KeySpec.SM2));
        var peerD = new BcBigInteger(256, new SecureRandom()).Mod(Sm2Curve.Domain.N.Subtract(BcBigInteger.One)).Add(BcBigInteger.One);
        var peerSpki = EcPrivateKey.WriteSubjectPublicKeyInfo(EcCurve.Sm2Oid, Sm2Curve.PublicPoint(peerD).GetEncoded(false));
        var kmsPoint = Sm2Curve.Domain.Curve.DecodePoint(BitsOf(key.PublicKeyDer!));

        var agreement = new ECDHBasicAgreement();
        agreement.Init(new ECPrivateKeyParameters(peerD, Sm2Curve.Domain));
        var expected = Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, agreement.CalculateAgreement(new ECPublicKeyParameters(kmsPoint, Sm2Curve.Domain)));

        Assert.Equal(expected, key.DeriveSharedSecret(peerSpki));
    }

    [Fact]
    public void a_compressed_peer_point_gives_the_same_secret()
    {
        using var key = new EccKeyMaterial(KeySpec.ECC_NIST_P256, KeyMaterialFactory.Generate(KeySpec.ECC_NIST_P256));
        using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = peer.ExportParameters(false).Q;
        var compressed = new byte[33];
        compressed[0] = (byte)(0x02 | (q.Y![^1] & 1));
        q.X!.CopyTo(compressed, 1);

        Assert.Equal(key.DeriveSharedSecret(peer.ExportSubjectPublicKeyInfo()),
            key.DeriveSharedSecret(EcPrivateKey.WriteSubjectPublicKeyInfo(EcCurve.P256.Oid, compressed)));
    }

    [Fact]
    public void a_peer_key_on_another_curve_is_a_validation_error()
    {
        using var key = new EccKeyMaterial(KeySpec.ECC_NIST_P256, KeyMaterialFactory.Generate(KeySpec.ECC_NIST_P256));
        using var p384 = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);

        var error = Assert.Throws<KmsException>(() => key.DeriveSharedSecret(p384.ExportSubjectPublicKeyInfo()));

        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        Assert.Equal("PublicKey must be an elliptic curve public key on the curve of the KMS key: key spec ECC_NIST_P256 uses P-256.", error.Message);
    }

    [Fact]
    public void an_rsa_public_key_is_a_validation_error()
    {
        using var key = new EccKeyMaterial(KeySpec.ECC_NIST_P256, KeyMaterialFactory.Generate(KeySpec.ECC_NIST_P256));
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(TestKeys.RsaPkcs8(2048), out _);

        var error = Assert.Throws<KmsException>(() => key.DeriveSharedSecret(rsa.ExportSubjectPublicKeyInfo()));

        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
    }

    [Theory]
    [InlineData("InvalidPublicKey")]
    [InlineData("")]
    public void bytes_that_are_no_subject_public_key_info_are_a_validation_error(string text)
    {
        using var key = new EccKeyMaterial(KeySpec.ECC_NIST_P256, KeyMaterialFactory.Generate(KeySpec.ECC_NIST_P256));

        var error = Assert.Throws<KmsException>(() => key.DeriveSharedSecret(System.Text.Encoding.ASCII.GetBytes(text)));

        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        Assert.Equal("PublicKey must be a DER-encoded X.509 public key (SubjectPublicKeyInfo, RFC 5280).", error.Message);
    }

    [Fact]
    public void a_point_off_the_curve_is_a_validation_error()
    {
        using var key = new EccKeyMaterial(KeySpec.ECC_NIST_P256, KeyMaterialFactory.Generate(KeySpec.ECC_NIST_P256));
        using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = peer.ExportParameters(false).Q;
        var point = new byte[65];
        point[0] = 0x04;
        q.X!.CopyTo(point, 1);
        q.Y!.CopyTo(point, 33);
        point[^1] ^= 0x01;

        var error = Assert.Throws<KmsException>(() => key.DeriveSharedSecret(EcPrivateKey.WriteSubjectPublicKeyInfo(EcCurve.P256.Oid, point)));

        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        Assert.Equal("PublicKey is not a valid point on P-256, the curve of key spec ECC_NIST_P256.", error.Message);
    }

    /// <summary>The subject public key bits of a DER SubjectPublicKeyInfo.</summary>
    private static byte[] BitsOf(byte[] spki)
    {
        var reader = new System.Formats.Asn1.AsnReader(spki, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        reader.ReadSequence();
        return reader.ReadBitString(out _);
    }
}
