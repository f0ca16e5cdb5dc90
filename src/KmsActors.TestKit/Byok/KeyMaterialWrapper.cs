using System.Formats.Asn1;
using System.Security.Cryptography;
using KmsActors.Kms.Model;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace KmsActors.TestKit.Byok;

/// <summary>
/// Encrypts key material under the wrapping public key from GetParametersForImport, exactly as an AWS client
/// does before ImportKeyMaterial (AWS KMS developer guide, "Encrypt key material"). The output is the
/// EncryptedKeyMaterial to send. Every call uses fresh randomness, so two wraps of the same material differ.
/// </summary>
public static class KeyMaterialWrapper
{
    private const string RsaEncryptionOid = "1.2.840.113549.1.1.1";
    private const string IdEcPublicKeyOid = "1.2.840.10045.2.1";
    private const string Sm2CurveOid = "1.2.156.10197.1.301";

    /// <summary>
    /// Wraps <paramref name="material"/> with <paramref name="algorithm"/>:
    /// RSAES_OAEP_SHA_1 / RSAES_OAEP_SHA_256 — RSA-OAEP with that hash for both digest and MGF1, empty label;
    /// RSA_AES_KEY_WRAP_SHA_1 / _SHA_256 — a fresh AES-256 key wraps the material with AES Key Wrap with
    /// Padding (RFC 5649), RSA-OAEP (SHA-1 / SHA-256) encrypts the AES key, output = RSA part ‖ wrapped part;
    /// RSAES_PKCS1_V1_5 — RSA PKCS#1 v1.5 (deprecated by AWS); SM2PKE — SM2 public-key encryption (China).
    /// </summary>
    /// <param name="publicKeyDer">The PublicKey from GetParametersForImport: DER X.509 SubjectPublicKeyInfo.</param>
    /// <param name="algorithm">The WrappingAlgorithm given to GetParametersForImport.</param>
    /// <param name="material">The plaintext key material, e.g. from <see cref="KeyMaterial.Create"/>.</param>
    /// <exception cref="ArgumentException">
    /// The public key does not suit the algorithm, or the material is too long for one-step RSA encryption —
    /// as the AWS guide says, RSA private keys (and ECC_NIST_P521 keys under an RSA_2048 wrapping key) need
    /// RSA_AES_KEY_WRAP_SHA_*.
    /// </exception>
    public static byte[] Wrap(byte[] publicKeyDer, AlgorithmSpec algorithm, byte[] material) =>
        algorithm is AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1 or AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256
            ? Wrap(publicKeyDer, algorithm, material, aesKeySizeInBytes: 32)
            : WrapOneStep(publicKeyDer, algorithm, material);

    /// <summary>
    /// RSA_AES_KEY_WRAP_SHA_1 / _SHA_256 with an ephemeral AES key of <paramref name="aesKeySizeInBytes"/>
    /// (16, 24 or 32) instead of the 32 bytes AWS's examples use; for tests of the importer's key-size handling.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="algorithm"/> is not RSA_AES_KEY_WRAP_*, the key size is not an AES size, or the public key is not RSA.
    /// </exception>
    public static byte[] Wrap(byte[] publicKeyDer, AlgorithmSpec algorithm, byte[] material, int aesKeySizeInBytes)
    {
        ArgumentNullException.ThrowIfNull(material);
        var hash = algorithm switch
        {
            AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1 => RSAEncryptionPadding.OaepSHA1,
            AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256 => RSAEncryptionPadding.OaepSHA256,
            _ => throw new ArgumentException(
                $"An ephemeral AES key size applies to RSA_AES_KEY_WRAP_SHA_1 and RSA_AES_KEY_WRAP_SHA_256 only, not {algorithm}.",
                nameof(algorithm)),
        };
        if (aesKeySizeInBytes is not (16 or 24 or 32))
            throw new ArgumentException($"An AES key is 16, 24 or 32 bytes, not {aesKeySizeInBytes}.", nameof(aesKeySizeInBytes));

        using var rsa = ImportRsa(publicKeyDer, algorithm);
        var aesKey = RandomNumberGenerator.GetBytes(aesKeySizeInBytes);
        try
        {
            using var aes = Aes.Create();
            aes.Key = aesKey;
            var wrappedMaterial = aes.EncryptKeyWrapPadded(material); // RFC 5649, IV A65959A6 ‖ length
            var wrappedAesKey = rsa.Encrypt(aesKey, hash);            // its length is the modulus length
            return [.. wrappedAesKey, .. wrappedMaterial];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(aesKey);
        }
    }

    private static byte[] WrapOneStep(byte[] publicKeyDer, AlgorithmSpec algorithm, byte[] material)
    {
        ArgumentNullException.ThrowIfNull(material);
        if (algorithm == AlgorithmSpec.SM2PKE)
            return WrapSm2(publicKeyDer, material);

        var padding = algorithm switch
        {
            AlgorithmSpec.RSAES_OAEP_SHA_1 => RSAEncryptionPadding.OaepSHA1,
            AlgorithmSpec.RSAES_OAEP_SHA_256 => RSAEncryptionPadding.OaepSHA256,
            AlgorithmSpec.RSAES_PKCS1_V1_5 => RSAEncryptionPadding.Pkcs1,
            _ => throw new ArgumentException($"Unknown wrapping algorithm {algorithm}.", nameof(algorithm)),
        };
        using var rsa = ImportRsa(publicKeyDer, algorithm);
        var modulusBytes = rsa.KeySize / 8;
        // RFC 8017: OAEP carries at most k − 2·hLen − 2 bytes, PKCS#1 v1.5 at most k − 11.
        var capacity = algorithm switch
        {
            AlgorithmSpec.RSAES_OAEP_SHA_1 => modulusBytes - 2 * 20 - 2,
            AlgorithmSpec.RSAES_OAEP_SHA_256 => modulusBytes - 2 * 32 - 2,
            _ => modulusBytes - 11,
        };
        if (material.Length > capacity)
            throw new ArgumentException(
                $"{material.Length} bytes of key material do not fit {algorithm} under an RSA_{rsa.KeySize} wrapping key " +
                $"(at most {capacity} bytes). As the AWS guide says, wrap RSA private keys, and ECC_NIST_P521 keys under " +
                "an RSA_2048 wrapping key, with RSA_AES_KEY_WRAP_SHA_1 or RSA_AES_KEY_WRAP_SHA_256.",
                nameof(material));
        return rsa.Encrypt(material, padding);
    }

    private static byte[] WrapSm2(byte[] publicKeyDer, byte[] material)
    {
        if (PublicKeyAlgorithm(publicKeyDer) != (IdEcPublicKeyOid, Sm2CurveOid))
            throw new ArgumentException("SM2PKE needs an SM2 wrapping public key (WrappingKeySpec SM2).", nameof(publicKeyDer));
        var publicKey = (ECPublicKeyParameters)PublicKeyFactory.CreateKey(publicKeyDer);
        // GM/T 0003-2012 order C1 ‖ C3 ‖ C2 (point ‖ SM3 digest ‖ ciphertext), C1 an uncompressed point: the
        // order AWS KMS uses for SM2PKE. BouncyCastle's default is the older C1C2C3 and would not decrypt.
        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(publicKey, new SecureRandom()));
        try
        {
            return engine.ProcessBlock(material, 0, material.Length);
        }
        catch (InvalidCipherTextException e)
        {
            throw new ArgumentException($"SM2PKE could not encrypt the material: {e.Message}", nameof(material), e);
        }
    }

    private static RSA ImportRsa(byte[] publicKeyDer, AlgorithmSpec algorithm)
    {
        if (PublicKeyAlgorithm(publicKeyDer).Algorithm != RsaEncryptionOid)
            throw new ArgumentException($"{algorithm} needs an RSA wrapping public key (WrappingKeySpec RSA_*).", nameof(publicKeyDer));
        var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(publicKeyDer, out _);
        return rsa;
    }

    /// <summary>The algorithm OID of a SubjectPublicKeyInfo and, for EC keys, its named-curve OID.</summary>
    private static (string Algorithm, string? Curve) PublicKeyAlgorithm(byte[] publicKeyDer)
    {
        ArgumentNullException.ThrowIfNull(publicKeyDer);
        try
        {
            var spki = new AsnReader(publicKeyDer, AsnEncodingRules.DER).ReadSequence();
            var algorithmIdentifier = spki.ReadSequence();
            var algorithm = algorithmIdentifier.ReadObjectIdentifier();
            string? curve = algorithmIdentifier.HasData && algorithmIdentifier.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier)
                ? algorithmIdentifier.ReadObjectIdentifier()
                : null;
            return (algorithm, curve);
        }
        catch (AsnContentException e)
        {
            throw new ArgumentException("The wrapping public key is not a DER SubjectPublicKeyInfo.", nameof(publicKeyDer), e);
        }
    }
}
