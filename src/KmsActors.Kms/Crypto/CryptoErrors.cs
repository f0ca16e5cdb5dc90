using KmsActors.Kms.Model;

namespace KmsActors.Kms.Crypto;

/// <summary>The AWS errors the key crypto objects raise, worded once.</summary>
internal static class CryptoErrors
{
    public static KmsException Incompatible(object algorithm, KeySpec spec) =>
        KmsException.InvalidKeyUsage($"Algorithm {algorithm} is incompatible with key spec {spec}.");

    /// <summary>AWS Encrypt with an asymmetric key: ValidationException naming the algorithm, spec and limit.</summary>
    public static KmsException PlaintextTooLarge(object algorithm, KeySpec spec, int maxBytes) =>
        KmsException.Validation($"Algorithm {algorithm} and key spec {spec} cannot encrypt data larger than {maxBytes} bytes.");

    /// <summary>AWS wording for a DIGEST message whose length is not the algorithm's hash length.</summary>
    public static KmsException DigestLength(SigningAlgorithmSpec algorithm) =>
        KmsException.Validation($"Digest is invalid length for algorithm {algorithm}.");

    public static KmsException InvalidCiphertext() => CiphertextBlob.Invalid();
}
