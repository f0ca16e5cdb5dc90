using System.Security.Cryptography;
using KmsActors.Kms.Model;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace KmsActors.TestKit.Tests.Byok;

/// <summary>What the KMS side does with EncryptedKeyMaterial: the inverse of each wrapping algorithm.</summary>
internal static class Unwrap
{
    public static byte[] WithRsa(RSA privateKey, AlgorithmSpec algorithm, byte[] encrypted) => algorithm switch
    {
        AlgorithmSpec.RSAES_OAEP_SHA_1 => privateKey.Decrypt(encrypted, RSAEncryptionPadding.OaepSHA1),
        AlgorithmSpec.RSAES_OAEP_SHA_256 => privateKey.Decrypt(encrypted, RSAEncryptionPadding.OaepSHA256),
        AlgorithmSpec.RSAES_PKCS1_V1_5 => privateKey.Decrypt(encrypted, RSAEncryptionPadding.Pkcs1),
        AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1 or AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256 => RsaAes(privateKey, algorithm, encrypted).Material,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not an RSA wrapping algorithm."),
    };

    /// <summary>Splits at the modulus length (RSA part first), decrypts the AES key, then RFC 5649-unwraps.</summary>
    public static (byte[] AesKey, byte[] Material) RsaAes(RSA privateKey, AlgorithmSpec algorithm, byte[] encrypted)
    {
        var split = privateKey.KeySize / 8;
        var padding = algorithm == AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1 ? RSAEncryptionPadding.OaepSHA1 : RSAEncryptionPadding.OaepSHA256;
        var aesKey = privateKey.Decrypt(encrypted.AsSpan(0, split).ToArray(), padding);
        using var aes = Aes.Create();
        aes.Key = aesKey;
        return (aesKey, aes.DecryptKeyWrapPadded(encrypted.AsSpan(split)));
    }

    public static byte[] WithSm2(ECPrivateKeyParameters privateKey, byte[] encrypted, SM2Engine.Mode mode = SM2Engine.Mode.C1C3C2)
    {
        var engine = new SM2Engine(mode);
        engine.Init(false, privateKey);
        return engine.ProcessBlock(encrypted, 0, encrypted.Length);
    }
}
