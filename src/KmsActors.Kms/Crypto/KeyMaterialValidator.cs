using System.Formats.Asn1;
using System.Security.Cryptography;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// Checks imported key material against its key spec, following the AWS key material requirements
/// (docs/byok.md): anything that does not fit is IncorrectKeyMaterialException and the key is left as it was.
/// </summary>
public static partial class KeyMaterialValidator
{
    /// <summary>AWS: HMAC material is at most 1024 bits; longer material must be hashed first.</summary>
    public const int MaxHmacBytes = 128;

    public static ValidatedMaterial Validate(KeySpec spec, ReadOnlySpan<byte> material, bool chinaPartition)
    {
        var bytes = material.ToArray();
        switch (spec)
        {
            case KeySpec.SYMMETRIC_DEFAULT:
                // AWS: 256-bit material; China Regions use 128-bit SM4 material.
                var want = chinaPartition ? 16 : 32;
                if (bytes.Length != want)
                    throw Incorrect($"The key material is {bytes.Length} bytes; SYMMETRIC_DEFAULT needs exactly {want}{(chinaPartition ? " in China Regions" : "")}.");
                return new ValidatedMaterial(spec, bytes, null);

            case KeySpec.HMAC_224 or KeySpec.HMAC_256 or KeySpec.HMAC_384 or KeySpec.HMAC_512:
                var min = HmacMinimumBytes(spec);
                if (bytes.Length < min || bytes.Length > MaxHmacBytes)
                    throw Incorrect($"The key material is {bytes.Length} bytes; {spec} needs {min} to {MaxHmacBytes} bytes (hash longer material with the spec's hash first).");
                return new ValidatedMaterial(spec, bytes, null);

            case KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096:
                return ValidateRsa(spec, bytes);

            case KeySpec.ECC_NIST_P256 or KeySpec.ECC_NIST_P384 or KeySpec.ECC_NIST_P521 or KeySpec.ECC_SECG_P256K1:
                return ValidateEc(spec, bytes);

            case KeySpec.SM2:
                if (!chinaPartition)
                    throw Incorrect("SM2 key material can only be imported in China Regions.");
                return ValidateEc(spec, bytes);

            default:
                // AWS: ML-DSA material cannot be imported; Edwards25519 import is not documented, so we refuse it too.
                throw Incorrect($"Key spec {spec} does not support imported key material.");
        }
    }

    /// <summary>The spec's minimum HMAC key length in bytes, which is also the length we generate (docs/byok.md).</summary>
    public static int HmacMinimumBytes(KeySpec spec) => spec switch
    {
        KeySpec.HMAC_224 => 28,
        KeySpec.HMAC_256 => 32,
        KeySpec.HMAC_384 => 48,
        KeySpec.HMAC_512 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "Not an HMAC key spec."),
    };

    private static Pkcs8PrivateKeyInfo ParsePkcs8(KeySpec spec, byte[] material)
    {
        try
        {
            return Pkcs8PrivateKeyInfo.Parse(material);
        }
        catch (Exception e) when (e is AsnContentException or FormatException or CryptographicException)
        {
            throw NotPkcs8(spec);
        }
    }

    private static KmsException NotPkcs8(KeySpec spec) =>
        Incorrect($"The key material is not a valid PKCS#8 (RFC 5208) private key; {spec} needs a DER or BER encoded PKCS#8 private key.");

    private static KmsException Incorrect(string message) => KmsException.IncorrectKeyMaterial(message);
}
