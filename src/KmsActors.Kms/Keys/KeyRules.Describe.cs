using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// DescribeKey's KeyMetadata, field by field as AWS returns it (docs/byok.md for the imported-material fields).
public static partial class KeyRules
{
    public static KeyMetadata Describe(KmsKey key)
    {
        var current = key.CurrentMaterial;
        // AWS (recorded; docs/byok.md): ExpirationModel/ValidTo only while EXTERNAL material is imported; ValidTo is the earliest expiry
        // of the permanently-associated materials.
        var imported = key.Origin == OriginType.EXTERNAL && current is { IsPresent: true };
        // One pass over the materials, no LINQ: DescribeKey is a tenth of the load simulation's calls.
        DateTimeOffset? validTo = null;
        var expires = false;
        foreach (var m in key.Materials)
        {
            if (!m.IsPermanentlyAssociated || !m.IsPresent)
                continue;
            if (m.ValidTo is { } until && (validTo is null || until < validTo))
                validTo = until;
            expires |= m.ExpirationModel == ExpirationModelType.KEY_MATERIAL_EXPIRES;
        }
        return new KeyMetadata
        {
            AWSAccountId = key.AccountId,
            KeyId = key.KeyId,
            Arn = key.Arn,
            CreationDate = key.CreationDate,
            Enabled = key.State == KeyState.Enabled,
            Description = key.Description,
            KeyUsage = key.KeyUsage,
            KeyState = key.State,
            DeletionDate = key.State == KeyState.PendingDeletion ? key.DeletionDate : null,
            ValidTo = imported ? validTo : null,
            Origin = key.Origin,
            ExpirationModel = imported
                ? expires ? ExpirationModelType.KEY_MATERIAL_EXPIRES : ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE
                : null,
            KeyManager = KeyManagerType.CUSTOMER,
            CustomerMasterKeySpec = LegacySpecOf(key.KeySpec),
            KeySpec = key.KeySpec,
            EncryptionAlgorithms = key.KeyUsage == KeyUsageType.ENCRYPT_DECRYPT ? EncryptionAlgorithmsOf(key.KeySpec) : null,
            SigningAlgorithms = key.KeyUsage == KeyUsageType.SIGN_VERIFY ? SigningAlgorithmsOf(key.KeySpec) : null,
            KeyAgreementAlgorithms = key.KeyUsage == KeyUsageType.KEY_AGREEMENT ? KeyAgreementAlgorithmsOf(key.KeySpec) : null,
            MacAlgorithms = key.KeyUsage == KeyUsageType.GENERATE_VERIFY_MAC ? MacAlgorithmsOf(key.KeySpec) : null,
            MultiRegion = key.MultiRegion,
            MultiRegionConfiguration = key.MultiRegion ? MultiRegionConfigurationOf(key) : null,
            PendingDeletionWindowInDays = key.State == KeyState.PendingReplicaDeletion ? key.PendingWindowInDays : null,
            // AWS (recorded; docs/byok.md): symmetric keys only, once material exists; kept after the material is deleted.
            // AWS: a replica that is still Creating has no CurrentKeyMaterialId yet.
            CurrentKeyMaterialId = IsSymmetric(key) && key.State != KeyState.Creating ? current?.KeyMaterialId : null,
        };
    }

    /// <summary>The deprecated CustomerMasterKeySpec of the same name, or null (a spec newer than the field): parsed
    /// once per spec rather than formatted and parsed per DescribeKey.</summary>
    private static CustomerMasterKeySpec? LegacySpecOf(KeySpec spec) => LegacySpecs.GetOrAdd(spec,
        static s => Enum.TryParse<CustomerMasterKeySpec>(s.ToString(), out var legacy) ? legacy : null);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<KeySpec, CustomerMasterKeySpec?> LegacySpecs = new();

    public static IReadOnlyList<EncryptionAlgorithmSpec> EncryptionAlgorithmsOf(KeySpec spec) => spec switch
    {
        KeySpec.SYMMETRIC_DEFAULT => [EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT],
        KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096 => [EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256],
        KeySpec.SM2 => [EncryptionAlgorithmSpec.SM2PKE],
        _ => [],
    };

    public static IReadOnlyList<SigningAlgorithmSpec> SigningAlgorithmsOf(KeySpec spec) => spec switch
    {
        KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096 =>
        [
            SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512,
            SigningAlgorithmSpec.RSASSA_PSS_SHA_256, SigningAlgorithmSpec.RSASSA_PSS_SHA_384, SigningAlgorithmSpec.RSASSA_PSS_SHA_512,
        ],
        KeySpec.ECC_NIST_P256 or KeySpec.ECC_SECG_P256K1 => [SigningAlgorithmSpec.ECDSA_SHA_256],
        KeySpec.ECC_NIST_P384 => [SigningAlgorithmSpec.ECDSA_SHA_384],
        KeySpec.ECC_NIST_P521 => [SigningAlgorithmSpec.ECDSA_SHA_512],
        KeySpec.SM2 => [SigningAlgorithmSpec.SM2DSA],
        KeySpec.ML_DSA_44 or KeySpec.ML_DSA_65 or KeySpec.ML_DSA_87 => [SigningAlgorithmSpec.ML_DSA_SHAKE_256],
        KeySpec.ECC_NIST_EDWARDS25519 => [SigningAlgorithmSpec.ED25519_SHA_512, SigningAlgorithmSpec.ED25519_PH_SHA_512],
        _ => [],
    };

    /// <summary>AWS: ECDH is the one key agreement algorithm, for NIST curves and SM2 (secp256k1 keys only sign).</summary>
    public static IReadOnlyList<KeyAgreementAlgorithmSpec> KeyAgreementAlgorithmsOf(KeySpec spec) => spec switch
    {
        KeySpec.ECC_NIST_P256 or KeySpec.ECC_NIST_P384 or KeySpec.ECC_NIST_P521 or KeySpec.SM2 => [KeyAgreementAlgorithmSpec.ECDH],
        _ => [],
    };

    public static IReadOnlyList<MacAlgorithmSpec> MacAlgorithmsOf(KeySpec spec) => spec switch
    {
        KeySpec.HMAC_224 => [MacAlgorithmSpec.HMAC_SHA_224],
        KeySpec.HMAC_256 => [MacAlgorithmSpec.HMAC_SHA_256],
        KeySpec.HMAC_384 => [MacAlgorithmSpec.HMAC_SHA_384],
        KeySpec.HMAC_512 => [MacAlgorithmSpec.HMAC_SHA_512],
        _ => [],
    };

    private static MultiRegionConfiguration MultiRegionConfigurationOf(KmsKey key)
    {
        var primaryArn = key.PrimaryArn ?? key.Arn;
        return new MultiRegionConfiguration
        {
            MultiRegionKeyType = key.MultiRegionKeyType,
            PrimaryKey = new MultiRegionKey { Arn = primaryArn, Region = RegionOf(primaryArn) },
            ReplicaKeys = key.ReplicaArns.Select(arn => new MultiRegionKey { Arn = arn, Region = RegionOf(arn) }).ToList(),
        };
    }

    /// <summary>The region field of a key ARN (arn:partition:kms:region:account:key/id).</summary>
    internal static string RegionOf(string arn) => arn.Split(':')[3];

    private static KeyDecision DescribeKey(KmsKey key, DescribeKeyRequest r)
    {
        return KeyDecision.Reply(new DescribeKeyResponse { KeyMetadata = Describe(key) });
    }
}
