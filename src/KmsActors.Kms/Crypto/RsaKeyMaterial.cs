using System.Security.Cryptography;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Crypto;

/// <summary>RSA material: RSAES-OAEP encryption (ENCRYPT_DECRYPT) and RSASSA-PSS / PKCS#1 v1.5 signatures (SIGN_VERIFY).</summary>
public sealed class RsaKeyMaterial : IKeyMaterial
{
    private readonly RSA _rsa;

    public RsaKeyMaterial(KeySpec spec, ReadOnlySpan<byte> pkcs8PrivateKey)
    {
        KeyMaterialValidator.RsaModulusBits(spec);
        Spec = spec;
        _rsa = RSA.Create();
        _rsa.ImportPkcs8PrivateKey(pkcs8PrivateKey, out _);
        PublicKeyDer = _rsa.ExportSubjectPublicKeyInfo();
    }

    public KeySpec Spec { get; }

    public byte[]? PublicKeyDer { get; }

    private int ModulusBytes => _rsa.KeySize / 8;

    /// <summary>RFC 8017 OAEP capacity k − 2·hLen − 2: the limits AWS quotes (RSA_2048: 214 with SHA-1, 190 with SHA-256).</summary>
    public int MaxPlaintextLength(EncryptionAlgorithmSpec algorithm) => algorithm switch
    {
        EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1 => ModulusBytes - 2 * 20 - 2,
        EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256 => ModulusBytes - 2 * 32 - 2,
        _ => throw CryptoErrors.Incompatible(algorithm, Spec),
    };

    public byte[] Encrypt(EncryptionAlgorithmSpec algorithm, ReadOnlySpan<byte> plaintext)
    {
        var max = MaxPlaintextLength(algorithm);
        if (plaintext.Length > max)
            throw CryptoErrors.PlaintextTooLarge(algorithm, Spec, max);
        return _rsa.Encrypt(plaintext.ToArray(), Padding(algorithm));
    }

    public byte[] Decrypt(EncryptionAlgorithmSpec algorithm, ReadOnlySpan<byte> ciphertext)
    {
        var padding = Padding(algorithm);
        try
        {
            return _rsa.Decrypt(ciphertext.ToArray(), padding);
        }
        catch (CryptographicException)
        {
            throw CryptoErrors.InvalidCiphertext();
        }
    }

    public byte[] Sign(SigningAlgorithmSpec algorithm, MessageType messageType, ReadOnlySpan<byte> message)
    {
        var padding = SignaturePadding(algorithm);
        var digest = SignatureDigests.Digest(algorithm, messageType, message);
        return _rsa.SignHash(digest, SignatureDigests.HashOf(algorithm), padding);
    }

    /// <summary>True when the signature verifies (callers answer KMSInvalidSignatureException on false).</summary>
    public bool Verify(SigningAlgorithmSpec algorithm, MessageType messageType, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var padding = SignaturePadding(algorithm);
        var digest = SignatureDigests.Digest(algorithm, messageType, message);
        try
        {
            return _rsa.VerifyHash(digest, signature, SignatureDigests.HashOf(algorithm), padding);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() => _rsa.Dispose();

    private RSAEncryptionPadding Padding(EncryptionAlgorithmSpec algorithm) => algorithm switch
    {
        EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1 => RSAEncryptionPadding.OaepSHA1,
        EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256 => RSAEncryptionPadding.OaepSHA256,
        _ => throw CryptoErrors.Incompatible(algorithm, Spec),
    };

    // AWS PSS uses MGF1 with the same hash and a salt as long as the hash, which is .NET's RSASignaturePadding.Pss.
    private RSASignaturePadding SignaturePadding(SigningAlgorithmSpec algorithm) => algorithm switch
    {
        SigningAlgorithmSpec.RSASSA_PSS_SHA_256 or SigningAlgorithmSpec.RSASSA_PSS_SHA_384 or SigningAlgorithmSpec.RSASSA_PSS_SHA_512 => RSASignaturePadding.Pss,
        SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256 or SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384 or SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512 => RSASignaturePadding.Pkcs1,
        _ => throw CryptoErrors.Incompatible(algorithm, Spec),
    };
}
