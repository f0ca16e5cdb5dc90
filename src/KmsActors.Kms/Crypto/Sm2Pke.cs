using System.Formats.Asn1;
using KmsActors.Kms.Model;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// SM2 public-key encryption (GM/T 0003.4) with SM3, ciphertext in the C1‖C3‖C2 order of the current GM/T standard
/// (C1 an uncompressed point). We emit that raw form; on decryption we also accept the GM/T 0009 ASN.1 form
/// SEQUENCE { x, y, hash, ciphertext } that some SM2 toolkits produce, since KMS callers may use either.
/// </summary>
internal static class Sm2Pke
{
    private static readonly SecureRandom Random = new();

    public static byte[] Encrypt(ECPoint publicPoint, ReadOnlySpan<byte> plaintext)
    {
        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(new ECPublicKeyParameters(publicPoint, Sm2Curve.Domain), Random));
        var input = plaintext.ToArray();
        return engine.ProcessBlock(input, 0, input.Length);
    }

    /// <summary>Decrypts, or throws InvalidCiphertextException for anything that does not decrypt under this key.</summary>
    public static byte[] Decrypt(BcBigInteger privateScalar, ReadOnlySpan<byte> ciphertext)
    {
        try
        {
            var raw = ciphertext.Length > 0 && ciphertext[0] == 0x30 ? FromAsn1(ciphertext.ToArray()) : ciphertext.ToArray();
            var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
            engine.Init(false, new ECPrivateKeyParameters(privateScalar, Sm2Curve.Domain));
            return engine.ProcessBlock(raw, 0, raw.Length);
        }
        catch (Exception ex) when (ex is CryptoException or ArgumentException or InvalidOperationException
                                       or IndexOutOfRangeException or AsnContentException or FormatException)
        {
            throw CryptoErrors.InvalidCiphertext();
        }
    }

    private static byte[] FromAsn1(byte[] encoded)
    {
        var reader = new AsnReader(encoded, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var x = new BcBigInteger(1, sequence.ReadIntegerBytes().ToArray());
        var y = new BcBigInteger(1, sequence.ReadIntegerBytes().ToArray());
        var hash = sequence.ReadOctetString();
        var c2 = sequence.ReadOctetString();
        sequence.ThrowIfNotEmpty();
        var c1 = Sm2Curve.Domain.Curve.CreatePoint(x, y).GetEncoded(false);
        return [.. c1, .. hash, .. c2];
    }

    /// <summary>AWS: SM2PKE encrypts at most 1024 bytes of plaintext.</summary>
    public const int MaxPlaintextLength = 1024;

    public static KmsException TooLarge() => CryptoErrors.PlaintextTooLarge(EncryptionAlgorithmSpec.SM2PKE, KeySpec.SM2, MaxPlaintextLength);
}
