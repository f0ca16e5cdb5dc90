using System.Formats.Asn1;
using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Import;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Crypto;

/// <summary>
/// Test material shared across the Crypto and Import tests. RSA generation is slow on small machines, so each key
/// is generated once per test run (thread-safe lazies) and reused.
/// </summary>
internal static class TestKeys
{
    private static readonly Dictionary<int, Lazy<byte[]>> Rsa = new()
    {
        [2048] = new(() => GenerateRsa(2048)),
        [3072] = new(() => GenerateRsa(3072)),
        [4096] = new(() => GenerateRsa(4096)),
    };

    private static readonly Lazy<byte[]> ForeignRsa2048 = new(() => GenerateRsa(2048));
    private static readonly Lazy<WrappingKeyPair> Sm2Wrapping = new(() => WrappingKeyPair.Generate(WrappingKeySpec.SM2));
    private static readonly Lazy<WrappingKeyPair> ForeignSm2Wrapping = new(() => WrappingKeyPair.Generate(WrappingKeySpec.SM2));

    public static byte[] RsaPkcs8(int bits) => Rsa[bits].Value;

    public static byte[] OtherRsa2048Pkcs8 => ForeignRsa2048.Value;

    public static WrappingKeyPair Wrapping(WrappingKeySpec spec) => spec switch
    {
        WrappingKeySpec.SM2 => Sm2Wrapping.Value,
        _ => RsaPair(spec, RsaPkcs8(WrappingBits(spec))),
    };

    public static WrappingKeyPair ForeignWrapping(WrappingKeySpec spec) => spec switch
    {
        WrappingKeySpec.SM2 => ForeignSm2Wrapping.Value,
        WrappingKeySpec.RSA_2048 => RsaPair(spec, OtherRsa2048Pkcs8),
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    public static int WrappingBits(WrappingKeySpec spec) => spec switch
    {
        WrappingKeySpec.RSA_2048 => 2048,
        WrappingKeySpec.RSA_3072 => 3072,
        _ => 4096,
    };

    private static WrappingKeyPair RsaPair(WrappingKeySpec spec, byte[] pkcs8)
    {
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return new WrappingKeyPair(spec, rsa.ExportSubjectPublicKeyInfo(), pkcs8);
    }

    private static byte[] GenerateRsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        return rsa.ExportPkcs8PrivateKey();
    }

    // ---- wrapping as an importing client does it: the TestKit's public helpers (docs/byok.md) ----

    public static byte[] WrapOaep(byte[] publicKeyDer, ReadOnlySpan<byte> material, RSAEncryptionPadding padding) =>
        KeyMaterialWrapper.Wrap(publicKeyDer, OaepAlgorithm(padding, AlgorithmSpec.RSAES_OAEP_SHA_1, AlgorithmSpec.RSAES_OAEP_SHA_256), material.ToArray());

    public static byte[] WrapRsaAes(byte[] publicKeyDer, ReadOnlySpan<byte> material, RSAEncryptionPadding padding, int aesKeyBytes = 32) =>
        KeyMaterialWrapper.Wrap(publicKeyDer, OaepAlgorithm(padding, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256), material.ToArray(), aesKeyBytes);

    public static byte[] WrapSm2(byte[] publicKeyDer, ReadOnlySpan<byte> material) =>
        KeyMaterialWrapper.Wrap(publicKeyDer, AlgorithmSpec.SM2PKE, material.ToArray());

    private static AlgorithmSpec OaepAlgorithm(RSAEncryptionPadding padding, AlgorithmSpec sha1, AlgorithmSpec sha256) =>
        padding == RSAEncryptionPadding.OaepSHA1 ? sha1
            : padding == RSAEncryptionPadding.OaepSHA256 ? sha256
            : padding == RSAEncryptionPadding.Pkcs1 && sha1 == AlgorithmSpec.RSAES_OAEP_SHA_1 ? AlgorithmSpec.RSAES_PKCS1_V1_5
            : throw new ArgumentOutOfRangeException(nameof(padding), "AWS wraps with OAEP SHA-1/SHA-256 (or the legacy PKCS#1 v1.5) only.");

    // ---- EC material in the encodings AWS accepts or rejects ----

    public static ECParameters NewEcKey(EcCurve curve)
    {
        using var ecdsa = ECDsa.Create(curve.DotNetCurve);
        return ecdsa.ExportParameters(true);
    }

    public enum PointForm { Uncompressed, Compressed, Hybrid, Absent }

    /// <summary>PKCS#8 with id-ecPublicKey and a named curve, the embedded public point in the given form.</summary>
    public static byte[] EcPkcs8(string curveOid, byte[] d, byte[] x, byte[] y, PointForm form, bool curveInEcPrivateKey = false)
    {
        byte[]? point = form switch
        {
            PointForm.Uncompressed => [0x04, .. x, .. y],
            PointForm.Compressed => [(byte)((y[^1] & 1) == 1 ? 0x03 : 0x02), .. x],
            PointForm.Hybrid => [(byte)((y[^1] & 1) == 1 ? 0x07 : 0x06), .. x, .. y],
            _ => null,
        };
        var key = new AsnWriter(AsnEncodingRules.DER);
        using (key.PushSequence())
        {
            key.WriteInteger(1);
            key.WriteOctetString(d);
            if (curveInEcPrivateKey)
                using (key.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                    key.WriteObjectIdentifier(curveOid);
            if (point is not null)
                using (key.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
                    key.WriteBitString(point);
        }
        var oid = new AsnWriter(AsnEncodingRules.DER);
        oid.WriteObjectIdentifier(curveOid);
        return Pkcs8(Pkcs8PrivateKeyInfo.EcPublicKeyOid, oid.Encode(), key.Encode());
    }

    public static byte[] Pkcs8(string algorithmOid, byte[] parameters, byte[] privateKey) =>
        Pkcs8PrivateKeyInfo.Write(algorithmOid, parameters, privateKey);

    /// <summary>A PKCS#8 EC key with explicit (specifiedCurve) domain parameters, which AWS rejects.</summary>
    public static byte[] ExplicitEcPkcs8(EcCurve curve) => KeyMaterial.EcExplicitParameters(curve.Spec);

    /// <summary>A genuine 3-prime RSA key with a modulus of exactly <paramref name="bits"/> bits, as PKCS#8.</summary>
    public static byte[] ThreePrimeRsaPkcs8(int bits) => KeyMaterial.RsaMultiPrime(bits);

    /// <summary>The same key with its outer SEQUENCE length re-encoded in a longer form than needed: valid BER, invalid DER.</summary>
    public static byte[] AsNonMinimalBer(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        reader.ReadEncodedValue();
        var contentLength = der.Length - HeaderLength(der);
        byte[] header = [0x30, 0x84, (byte)(contentLength >> 24), (byte)(contentLength >> 16), (byte)(contentLength >> 8), (byte)contentLength];
        return [.. header, .. der.AsSpan(HeaderLength(der))];
    }

    private static int HeaderLength(byte[] der) => (der[1] & 0x80) == 0 ? 2 : 2 + (der[1] & 0x7F);
}
