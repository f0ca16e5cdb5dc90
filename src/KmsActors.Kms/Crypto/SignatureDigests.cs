using System.Security.Cryptography;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// MessageType handling shared by RSA and ECDSA signing. AWS: RAW → KMS hashes the message with the algorithm's hash;
/// DIGEST → the message is the digest and must be exactly the hash length; EXTERNAL_MU is for ML-DSA only.
/// </summary>
internal static class SignatureDigests
{
    public static HashAlgorithmName HashOf(SigningAlgorithmSpec algorithm) => algorithm switch
    {
        SigningAlgorithmSpec.RSASSA_PSS_SHA_256 or SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256 or SigningAlgorithmSpec.ECDSA_SHA_256 => HashAlgorithmName.SHA256,
        SigningAlgorithmSpec.RSASSA_PSS_SHA_384 or SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384 or SigningAlgorithmSpec.ECDSA_SHA_384 => HashAlgorithmName.SHA384,
        SigningAlgorithmSpec.RSASSA_PSS_SHA_512 or SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512 or SigningAlgorithmSpec.ECDSA_SHA_512 => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "No SHA-2 hash for this algorithm."),
    };

    public static byte[] Digest(SigningAlgorithmSpec algorithm, MessageType messageType, ReadOnlySpan<byte> message)
    {
        var hash = HashOf(algorithm);
        switch (messageType)
        {
            case MessageType.RAW:
                return hash == HashAlgorithmName.SHA256 ? SHA256.HashData(message)
                    : hash == HashAlgorithmName.SHA384 ? SHA384.HashData(message)
                    : SHA512.HashData(message);
            case MessageType.DIGEST:
                var expected = hash == HashAlgorithmName.SHA256 ? 32 : hash == HashAlgorithmName.SHA384 ? 48 : 64;
                if (message.Length != expected)
                    throw CryptoErrors.DigestLength(algorithm);
                return message.ToArray();
            default:
                throw KmsException.Validation($"MessageType {messageType} is not valid with algorithm {algorithm}; use RAW or DIGEST.");
        }
    }
}
