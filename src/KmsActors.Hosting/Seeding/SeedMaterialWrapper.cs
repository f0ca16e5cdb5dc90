using System.Security.Cryptography;
using KmsActors.Kms.Model;

namespace KmsActors.Hosting.Seeding;

/// <summary>Wraps seed material for ImportKeyMaterial as a client would (docs/byok.md).</summary>
internal static class SeedMaterialWrapper
{
    /// <summary>Symmetric and HMAC material fits one RSA_2048 OAEP block: RSAES_OAEP_SHA_256; private keys (PKCS#8) do
    /// not: RSA_AES_KEY_WRAP_SHA_256. RSA_2048 wrapping keys are the quickest to generate.</summary>
    public static (AlgorithmSpec Algorithm, WrappingKeySpec WrappingKeySpec) Choose(byte[] material) =>
        material.Length <= 190 // RSA_2048 OAEP-SHA-256 capacity: 256 − 2·32 − 2
            ? (AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048)
            : (AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_2048);

    public static byte[] Wrap(byte[] publicKeyDer, AlgorithmSpec algorithm, byte[] material)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(publicKeyDer, out _);
        if (algorithm == AlgorithmSpec.RSAES_OAEP_SHA_256)
            return rsa.Encrypt(material, RSAEncryptionPadding.OaepSHA256);
        // RSA_AES_KEY_WRAP_SHA_256: an ephemeral AES-256 key under RSA-OAEP, then the material under RFC 5649 key wrap.
        var aesKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            using var aes = Aes.Create();
            aes.Key = aesKey;
            return [.. rsa.Encrypt(aesKey, RSAEncryptionPadding.OaepSHA256), .. aes.EncryptKeyWrapPadded(material)];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(aesKey);
        }
    }
}
