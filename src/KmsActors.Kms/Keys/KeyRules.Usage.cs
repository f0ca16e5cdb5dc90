using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// Cryptographic operations: may this key perform the operation now? (docs/key-states.md)
public static partial class KeyRules
{
    /// <summary>
    /// Throws the AWS error for a cryptographic <paramref name="operation"/> ("Encrypt", "Sign", …) the key cannot do:
    /// first its state (the table: DisabledException / KMSInvalidStateException), then its key usage
    /// (InvalidKeyUsageException "&lt;arn&gt; key usage is SIGN_VERIFY which is not valid for Encrypt.") or key spec.
    /// </summary>
    public static void CheckUsable(KmsKey key, string operation) =>
        CheckUsable(key, operation, decrypting: operation is "Decrypt" or "ReEncrypt");

    /// <summary>As above; <paramref name="decrypting"/> is false for ReEncrypt's destination key, which encrypts.</summary>
    public static void CheckUsable(KmsKey key, string operation, bool decrypting)
    {
        // The usage each cryptographic operation needs is the Usage column of Model/KmsCatalogue.Facts.cs.
        if (KmsCatalogue.FactsOf(operation) is not { NeverPersists: true } facts)
            throw new ArgumentException($"{operation} is not a cryptographic operation.", nameof(operation));
        CheckState(key, operation);
        var usage = facts.Usage;
        if (usage is null)
        {
            // GetPublicKey: only asymmetric keys have a public key.
            if (key.KeySpec is KeySpec.SYMMETRIC_DEFAULT or KeySpec.HMAC_224 or KeySpec.HMAC_256 or KeySpec.HMAC_384 or KeySpec.HMAC_512)
                throw KmsException.Unsupported($"{key.Arn} key spec is {key.KeySpec} which is not valid for {operation}.");
            return;
        }
        // AWS: a Decrypt KeyId / ReEncrypt SourceKeyId that names a key which cannot decrypt (an HMAC or signing
        // key) is IncorrectKeyException, not InvalidKeyUsageException (docs/check-order.md).
        if (key.KeyUsage != usage && decrypting)
            throw IncorrectKey();
        if (key.KeyUsage != usage)
            throw KmsException.InvalidKeyUsage($"{key.Arn} key usage is {key.KeyUsage} which is not valid for {operation}.");
        // Data keys are generated under symmetric encryption keys only.
        if (operation.StartsWith("GenerateDataKey", StringComparison.Ordinal) && !IsSymmetric(key))
            throw KmsException.InvalidKeyUsage($"{key.Arn} key spec is {key.KeySpec} which is not valid for {operation}.");
    }

    /// <summary>AWS's IncorrectKeyException for Decrypt / ReEncrypt: the named key is not the one that can decrypt.</summary>
    internal static KmsException IncorrectKey() =>
        new(KmsErrorCodes.IncorrectKeyException, "The key ID in the request does not identify a CMK that can perform this operation.");
}
