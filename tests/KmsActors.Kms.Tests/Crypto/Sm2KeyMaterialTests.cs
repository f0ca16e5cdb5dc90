using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using static KmsActors.Kms.Tests.Crypto.Assertions;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace KmsActors.Kms.Tests.Crypto;

public class Sm2KeyMaterialTests
{
    private static readonly Lazy<byte[]> Material = new(() => KeyMaterialFactory.Generate(KeySpec.SM2));

    [Fact]
    public void raw_sm2dsa_signature_verifies_with_bouncycastle_sm2_signer_and_default_id()
    {
        using var key = new Sm2KeyMaterial(Material.Value);
        var signature = key.Sign(SigningAlgorithmSpec.SM2DSA, MessageType.RAW, "message"u8);

        var signer = new SM2Signer();
        signer.Init(false, new ParametersWithID(PublicKey(), "1234567812345678"u8.ToArray()));
        signer.BlockUpdate("message"u8.ToArray(), 0, 7);
        Assert.True(signer.VerifySignature(signature));
    }

    [Fact]
    public void bouncycastle_sm2_signature_verifies_as_raw_and_as_digest()
    {
        using var key = new Sm2KeyMaterial(Material.Value);
        var d = EcPrivateKey.FromPkcs8(Pkcs8PrivateKeyInfo.Parse(Material.Value)).D;
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithID(new ECPrivateKeyParameters(new BcBigInteger(1, d), Sm2Curve.Domain), "1234567812345678"u8.ToArray()));
        signer.BlockUpdate("message"u8.ToArray(), 0, 7);
        var signature = signer.GenerateSignature();

        Assert.True(key.Verify(SigningAlgorithmSpec.SM2DSA, MessageType.RAW, "message"u8, signature));
        var e = Sm2Signature.MessageDigest(Sm2Curve.Domain.Curve.DecodePoint(PublicPoint()), "message"u8);
        Assert.True(key.Verify(SigningAlgorithmSpec.SM2DSA, MessageType.DIGEST, e, signature));
        Assert.False(key.Verify(SigningAlgorithmSpec.SM2DSA, MessageType.RAW, "other"u8, signature));
    }

    [Fact]
    public void sm2_digest_must_be_32_bytes_and_the_algorithm_sm2dsa()
    {
        using var key = new Sm2KeyMaterial(Material.Value);
        ThrowsKms(KmsErrorCodes.ValidationException, () => key.Sign(SigningAlgorithmSpec.SM2DSA, MessageType.DIGEST, new byte[31]));
        ThrowsKms(KmsErrorCodes.InvalidKeyUsageException, () => key.Sign(SigningAlgorithmSpec.ECDSA_SHA_256, MessageType.RAW, "x"u8));
    }

    [Fact]
    public void sm2pke_round_trips_and_rejects_tampering()
    {
        using var key = new Sm2KeyMaterial(Material.Value);
        var plaintext = RandomNumberGenerator.GetBytes(100);
        var ciphertext = key.Encrypt(EncryptionAlgorithmSpec.SM2PKE, plaintext);
        Assert.Equal(65 + 32 + 100, ciphertext.Length); // C1 ‖ C3 ‖ C2
        Assert.Equal(plaintext, key.Decrypt(EncryptionAlgorithmSpec.SM2PKE, ciphertext));

        ciphertext[^1] ^= 1;
        ThrowsKms(KmsErrorCodes.InvalidCiphertextException, () => key.Decrypt(EncryptionAlgorithmSpec.SM2PKE, ciphertext));
        ThrowsKms(KmsErrorCodes.InvalidCiphertextException, () => key.Decrypt(EncryptionAlgorithmSpec.SM2PKE, ciphertext[..50]));
        ThrowsKms(KmsErrorCodes.InvalidKeyUsageException, () => key.Encrypt(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, plaintext));
        ThrowsKms(KmsErrorCodes.ValidationException, () => key.Encrypt(EncryptionAlgorithmSpec.SM2PKE, new byte[1025]));
    }

    private static byte[] PublicPoint()
    {
        using var key = new Sm2KeyMaterial(Material.Value);
        var spki = new System.Formats.Asn1.AsnReader(key.PublicKeyDer, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        spki.ReadSequence();
        return spki.ReadBitString(out _);
    }

    private static ECPublicKeyParameters PublicKey() => new(Sm2Curve.Domain.Curve.DecodePoint(PublicPoint()), Sm2Curve.Domain);
}
