namespace KmsActors.Kms.Model;

/// <summary>Which request quota a call of an operation is charged to (docs/limits.md, kms.realism.quotas).</summary>
public enum QuotaClass
{
    /// <summary>Its own quota, named by the operation (kms.realism.quotas.operations).</summary>
    Operation,

    /// <summary>The shared cryptographic quota of the key type it uses: symmetric, rsa, ecc or ml-dsa (kms.realism.quotas.shared).</summary>
    SharedCryptographic,

    /// <summary>The quota of the data key pair spec it asks for, shared by GenerateDataKeyPair and
    /// GenerateDataKeyPairWithoutPlaintext (kms.realism.quotas.data-key-pairs).</summary>
    DataKeyPair,
}
