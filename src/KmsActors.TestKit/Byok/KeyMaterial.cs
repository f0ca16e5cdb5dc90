using System.Collections.Concurrent;
using System.Security.Cryptography;
using KmsActors.Kms.Model;

namespace KmsActors.TestKit.Byok;

/// <summary>
/// Makes key material to import into an EXTERNAL-origin KMS key, in the binary formats AWS requires
/// (AWS KMS developer guide, "Importing key material"): raw bytes for symmetric and HMAC keys, a DER PKCS#8
/// private key for RSA, ECC and SM2 keys. Pass the result to <see cref="KeyMaterialWrapper.Wrap(byte[], AlgorithmSpec, byte[])"/>.
/// Unusual encodings (multi-prime RSA, explicit or compressed EC) for negative and edge tests are in KeyMaterial.EdgeCases.cs.
/// </summary>
public static partial class KeyMaterial
{
    private static readonly ConcurrentDictionary<(KeySpec Spec, bool China), Lazy<byte[]>> Cache = new();

    /// <summary>
    /// Fresh, valid material for <paramref name="spec"/>: SYMMETRIC_DEFAULT 32 random bytes (16 in the China
    /// partition, where the key is SM4); HMAC_224/256/384/512 28/32/48/64 random bytes (the minimum length);
    /// RSA_2048/3072/4096 a two-prime private key; ECC_NIST_P256/P384/P521 and ECC_SECG_P256K1 a private key
    /// on that named curve with its uncompressed public point; SM2 a private key on the SM2 curve.
    /// RSA generation takes seconds for RSA_4096: use <see cref="CreateCached"/> when freshness does not matter.
    /// </summary>
    /// <param name="spec">The KeySpec of the KMS key the material is for.</param>
    /// <param name="chinaPartition">True for a key in a China Region (aws-cn); only changes SYMMETRIC_DEFAULT.</param>
    /// <exception cref="ArgumentException">KMS does not import material for <paramref name="spec"/> (ML_DSA_*, ECC_NIST_EDWARDS25519).</exception>
    public static byte[] Create(KeySpec spec, bool chinaPartition = false) => spec switch
    {
        KeySpec.SYMMETRIC_DEFAULT => RandomNumberGenerator.GetBytes(chinaPartition ? 16 : 32),
        KeySpec.HMAC_224 or KeySpec.HMAC_256 or KeySpec.HMAC_384 or KeySpec.HMAC_512 => Hmac(spec, MinimumHmacLength(spec)),
        KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096 => Rsa(RsaModulusBits(spec)),
        KeySpec.ECC_NIST_P256 or KeySpec.ECC_NIST_P384 or KeySpec.ECC_NIST_P521 or KeySpec.ECC_SECG_P256K1 => Ecc(spec),
        KeySpec.SM2 => EcPrivateKeyEncoder.Encode(
            EcKeyValues.GenerateSm2(), explicitCurve: false, EcPrivateKeyEncoder.PublicPoint.Uncompressed),
        _ => throw NotImportable(spec),
    };

    /// <summary>
    /// <paramref name="lengthInBytes"/> random bytes for an HMAC key. AWS accepts from the spec's digest length
    /// (28/32/48/64 bytes) up to 128 bytes; any positive length is returned so tests can also cross those limits.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="spec"/> is not an HMAC_* spec.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lengthInBytes"/> is not positive.</exception>
    public static byte[] Hmac(KeySpec spec, int lengthInBytes)
    {
        if (spec is not (KeySpec.HMAC_224 or KeySpec.HMAC_256 or KeySpec.HMAC_384 or KeySpec.HMAC_512))
            throw new ArgumentException($"{spec} is not an HMAC key spec.", nameof(spec));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lengthInBytes);
        return RandomNumberGenerator.GetBytes(lengthInBytes);
    }

    /// <summary>
    /// Like <see cref="Create"/>, but returns the same material for the same arguments for the life of the
    /// process (each call gets its own copy of the bytes). Use it where the test does not care that two keys
    /// hold different material — it saves seconds of RSA generation per call.
    /// </summary>
    public static byte[] CreateCached(KeySpec spec, bool chinaPartition = false)
    {
        var china = spec == KeySpec.SYMMETRIC_DEFAULT && chinaPartition;
        var lazy = Cache.GetOrAdd((spec, china), key => new Lazy<byte[]>(() => Create(key.Spec, key.China)));
        return (byte[])lazy.Value.Clone();
    }

    private static byte[] Rsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        return rsa.ExportPkcs8PrivateKey();
    }

    private static byte[] Ecc(KeySpec spec)
    {
        using var ecdsa = ECDsa.Create(NamedCurve(spec));
        return ecdsa.ExportPkcs8PrivateKey();
    }

    /// <summary>A fresh key for an ECC_* or SM2 spec, with every value needed to encode it any way.</summary>
    private static EcKeyValues GenerateEcKey(KeySpec spec) =>
        spec == KeySpec.SM2 ? EcKeyValues.GenerateSm2() : EcKeyValues.Generate(NamedCurve(spec));

    private static ECCurve NamedCurve(KeySpec spec) => spec switch
    {
        KeySpec.ECC_NIST_P256 => ECCurve.NamedCurves.nistP256,
        KeySpec.ECC_NIST_P384 => ECCurve.NamedCurves.nistP384,
        KeySpec.ECC_NIST_P521 => ECCurve.NamedCurves.nistP521,
        KeySpec.ECC_SECG_P256K1 => ECCurve.CreateFromValue("1.3.132.0.10"), // secp256k1
        _ => throw new ArgumentException($"{spec} is not an ECC_* or SM2 key spec.", nameof(spec)),
    };

    private static int RsaModulusBits(KeySpec spec) => spec switch
    {
        KeySpec.RSA_2048 => 2048,
        KeySpec.RSA_3072 => 3072,
        KeySpec.RSA_4096 => 4096,
        _ => throw new ArgumentException($"{spec} is not an RSA_* key spec.", nameof(spec)),
    };

    private static int MinimumHmacLength(KeySpec spec) => spec switch
    {
        KeySpec.HMAC_224 => 28,
        KeySpec.HMAC_256 => 32,
        KeySpec.HMAC_384 => 48,
        _ => 64,
    };

    private static ArgumentException NotImportable(KeySpec spec) =>
        new($"KMS does not import key material for {spec} keys.", nameof(spec));
}
