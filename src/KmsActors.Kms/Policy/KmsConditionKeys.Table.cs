using System.Collections.Frozen;

namespace KmsActors.Kms.Policy;

/// <summary>
/// Which condition keys apply to which KMS action, their types, and the request context of one KMS call
/// (<see cref="Build"/>). The table follows AWS's Service Authorization Reference for AWS KMS; docs/condition-keys.md
/// holds the same table and the value rules (a test checks they agree).
/// </summary>
public static partial class KmsConditionKeys
{
    // Static data lives in this one file only: initializers of a partial class in several files run in no defined order.

    /// <summary>The global keys this simulator fills on every request (IAM's global condition keys, the subset KMS
    /// requests carry here). Each is present or absent by the rules in docs/condition-keys.md.</summary>
    public static readonly IReadOnlyList<string> GlobalConditionKeys =
    [
        "aws:CurrentTime", "aws:EpochTime", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalIsAWSService",
        "aws:PrincipalServiceName", "aws:PrincipalType", "aws:RequestedRegion", "aws:ResourceAccount", "aws:SecureTransport",
        "aws:SourceIp", "aws:userid", "aws:username", "aws:ViaAWSService",
    ];

    /// <summary>The condition keys of the KMS key resource type: they apply to every action authorized on a key.
    /// kms:CustomerMasterKeySpec/Usage are AWS's deprecated names of kms:KeySpec/KeyUsage, which AWS still honours.</summary>
    public static readonly IReadOnlyList<string> KeyResourceConditionKeys =
    [
        "aws:ResourceTag/${TagKey}", "kms:CustomerMasterKeySpec", "kms:CustomerMasterKeyUsage", "kms:KeyOrigin", "kms:KeySpec",
        "kms:KeyUsage", "kms:MultiRegion", "kms:MultiRegionKeyType", "kms:ResourceAliases",
    ];

    private static readonly FrozenSet<string> GlobalKeySet = GlobalConditionKeys.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every condition key of the table and of <see cref="GlobalConditionKeys"/>, by (templated) name.</summary>
    public static readonly IReadOnlyDictionary<string, ConditionKeyInfo> ConditionKeyTypes = new ConditionKeyInfo[]
    {
        new("aws:CurrentTime", ConditionKeyType.Date, false),
        new("aws:EpochTime", ConditionKeyType.Date, false),
        new("aws:PrincipalAccount", ConditionKeyType.String, false),
        new("aws:PrincipalArn", ConditionKeyType.Arn, false),
        new("aws:PrincipalIsAWSService", ConditionKeyType.Bool, false),
        new("aws:PrincipalServiceName", ConditionKeyType.String, false),
        new("aws:PrincipalType", ConditionKeyType.String, false),
        new("aws:RequestTag/${TagKey}", ConditionKeyType.String, false),
        new("aws:RequestedRegion", ConditionKeyType.String, false),
        new("aws:ResourceAccount", ConditionKeyType.String, false),
        new("aws:ResourceTag/${TagKey}", ConditionKeyType.String, false),
        new("aws:SecureTransport", ConditionKeyType.Bool, false),
        new("aws:SourceIp", ConditionKeyType.IpAddress, false),
        new("aws:TagKeys", ConditionKeyType.String, true),
        new("aws:userid", ConditionKeyType.String, false),
        new("aws:username", ConditionKeyType.String, false),
        new("aws:ViaAWSService", ConditionKeyType.Bool, false),
        new("kms:BypassPolicyLockoutSafetyCheck", ConditionKeyType.Bool, false),
        new("kms:CallerAccount", ConditionKeyType.String, false),
        new("kms:CustomerMasterKeySpec", ConditionKeyType.String, false),
        new("kms:CustomerMasterKeyUsage", ConditionKeyType.String, false),
        new("kms:DataKeyPairSpec", ConditionKeyType.String, false),
        new("kms:EncryptionAlgorithm", ConditionKeyType.String, false),
        new("kms:EncryptionContext:${EncryptionContextKey}", ConditionKeyType.String, false),
        new("kms:EncryptionContextKeys", ConditionKeyType.String, true),
        new("kms:ExpirationModel", ConditionKeyType.String, false),
        new("kms:GrantConstraintSourceArn", ConditionKeyType.Arn, false),
        new("kms:GrantConstraintType", ConditionKeyType.String, false),
        new("kms:GrantIsForAWSResource", ConditionKeyType.Bool, false),
        new("kms:GrantOperations", ConditionKeyType.String, true),
        new("kms:GranteePrincipal", ConditionKeyType.String, false),
        new("kms:GranteeServicePrincipal", ConditionKeyType.String, false),
        new("kms:KeyAgreementAlgorithm", ConditionKeyType.String, false),
        new("kms:KeyOrigin", ConditionKeyType.String, false),
        new("kms:KeySpec", ConditionKeyType.String, false),
        new("kms:KeyUsage", ConditionKeyType.String, false),
        new("kms:MacAlgorithm", ConditionKeyType.String, false),
        new("kms:MessageType", ConditionKeyType.String, false),
        new("kms:MultiRegion", ConditionKeyType.Bool, false),
        new("kms:MultiRegionKeyType", ConditionKeyType.String, false),
        new("kms:PrimaryRegion", ConditionKeyType.String, false),
        new("kms:ReEncryptOnSameKey", ConditionKeyType.Bool, false),
        new("kms:RecipientAttestation:ImageSha384", ConditionKeyType.String, false),
        new("kms:RecipientAttestation:NitroTPMPCR${N}", ConditionKeyType.String, false),
        new("kms:RecipientAttestation:PCR${N}", ConditionKeyType.String, false),
        new("kms:ReplicaRegion", ConditionKeyType.String, false),
        new("kms:RequestAlias", ConditionKeyType.String, false),
        new("kms:ResourceAliases", ConditionKeyType.String, true),
        new("kms:RetiringPrincipal", ConditionKeyType.String, false),
        new("kms:RetiringServicePrincipal", ConditionKeyType.String, false),
        new("kms:RotationPeriodInDays", ConditionKeyType.Numeric, false),
        new("kms:ScheduleKeyDeletionPendingWindowInDays", ConditionKeyType.Numeric, false),
        new("kms:SigningAlgorithm", ConditionKeyType.String, false),
        new("kms:TrailingDaysWithoutKeyUsage", ConditionKeyType.Numeric, false),
        new("kms:ValidTo", ConditionKeyType.Date, false),
        new("kms:ViaService", ConditionKeyType.String, false),
        new("kms:WrappingAlgorithm", ConditionKeyType.String, false),
        new("kms:WrappingKeySpec", ConditionKeyType.String, false),
    }.ToFrozenDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly string[] None = [];
    private static readonly string[] Key = ["key"];
    private static readonly string[] AliasAndKey = ["alias", "key"];

    /// <summary>Every KMS action (AWS's "Actions" and "Permission-only actions" tables) by name without "kms:",
    /// case-insensitive. ReEncrypt is authorized as two actions, ReEncryptFrom and ReEncryptTo (<see cref="ActionsOf"/>).</summary>
    public static readonly IReadOnlyDictionary<string, ActionInfo> Actions = new[]
    {
        Row("CancelKeyDeletion", Key, "kms:CallerAccount", "kms:ViaService"),
        Row("ConnectCustomKeyStore", None, "kms:CallerAccount"),
        Row("CreateAlias", AliasAndKey, "kms:CallerAccount", "kms:ViaService"),
        Row("CreateCustomKeyStore", None, "kms:CallerAccount"),
        Row("CreateGrant", Key,
            "kms:CallerAccount", "kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys",
            "kms:GrantConstraintSourceArn", "kms:GrantConstraintType", "kms:GrantIsForAWSResource", "kms:GrantOperations",
            "kms:GranteePrincipal", "kms:GranteeServicePrincipal", "kms:RetiringPrincipal", "kms:RetiringServicePrincipal",
            "kms:ViaService"),
        Row("CreateKey", None,
            "aws:RequestTag/${TagKey}", "aws:ResourceTag/${TagKey}", "aws:TagKeys", "kms:BypassPolicyLockoutSafetyCheck",
            "kms:CallerAccount", "kms:CustomerMasterKeySpec", "kms:CustomerMasterKeyUsage", "kms:KeyOrigin", "kms:KeySpec",
            "kms:KeyUsage", "kms:MultiRegion", "kms:MultiRegionKeyType", "kms:ViaService"),
        Row("Decrypt", Key,
            "kms:CallerAccount", "kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}",
            "kms:EncryptionContextKeys", "kms:RecipientAttestation:ImageSha384", "kms:RecipientAttestation:NitroTPMPCR${N}",
            "kms:RecipientAttestation:PCR${N}", "kms:RequestAlias", "kms:ViaService"),
        Row("DeleteAlias", AliasAndKey, "kms:CallerAccount", "kms:ViaService"),
        Row("DeleteCustomKeyStore", None, "kms:CallerAccount"),
        Row("DeleteImportedKeyMaterial", Key, "kms:CallerAccount", "kms:ViaService"),
        Row("DeriveSharedSecret", Key,
            "kms:CallerAccount", "kms:KeyAgreementAlgorithm", "kms:RecipientAttestation:ImageSha384",
            "kms:RecipientAttestation:NitroTPMPCR${N}", "kms:RecipientAttestation:PCR${N}", "kms:RequestAlias",
            "kms:ViaService"),
        Row("DescribeCustomKeyStores", None, "kms:CallerAccount"),
        Row("DescribeKey", Key, "kms:CallerAccount", "kms:RequestAlias", "kms:ViaService"),
        Row("DisableKey", Key, "kms:CallerAccount", "kms:TrailingDaysWithoutKeyUsage", "kms:ViaService"),
        Row("DisableKeyRotation", Key, "kms:CallerAccount", "kms:ViaService"),
        Row("DisconnectCustomKeyStore", None, "kms:CallerAccount"),
        Row("EnableKey", Key, "kms:CallerAccount", "kms:ViaService"),
        Row("EnableKeyRotation", Key, "kms:CallerAccount", "kms:RotationPeriodInDays", "kms:ViaService"),
        Row("Encrypt", Key,
            "kms:CallerAccount", "kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}",
            "kms:EncryptionContextKeys", "kms:RequestAlias", "kms:ViaService"),
        Row("GenerateDataKey", Key,
            "kms:CallerAccount", "kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}",
            "kms:EncryptionContextKeys", "kms:RecipientAttestation:ImageSha384", "kms:RecipientAttestation:NitroTPMPCR${N}",
            "kms:RecipientAttestation:PCR${N}", "kms:RequestAlias", "kms:ViaService"),
        Row("GenerateDataKeyPair", Key,
            "kms:CallerAccount", "kms:DataKeyPairSpec", "kms:EncryptionAlgorithm",
            "kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys", "kms:RecipientAttestation:ImageSha384",
            "kms:RecipientAttestation:NitroTPMPCR${N}", "kms:RecipientAttestation:PCR${N}", "kms:RequestAlias",
            "kms:ViaService"),
        Row("GenerateDataKeyPairWithoutPlaintext", Key,
            "kms:CallerAccount", "kms:DataKeyPairSpec", "kms:EncryptionAlgorithm",
            "kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys", "kms:RequestAlias", "kms:ViaService"),
        Row("GenerateDataKeyWithoutPlaintext", Key,
            "kms:CallerAccount", "kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}",
            "kms:EncryptionContextKeys", "kms:RequestAlias", "kms:ViaService"),
        Row("GenerateMac", Key, "kms:CallerAccount", "kms:MacAlgorithm", "kms:RequestAlias", "kms:ViaService"),
        Row("GenerateRandom", None,
            "kms:RecipientAttestation:ImageSha384", "kms:RecipientAttestation:NitroTPMPCR${N}",
            "kms:RecipientAttestation:PCR${N}"),
        Row("GetKeyLastUsage", Key, "kms:CallerAccount", "kms:ViaService"),
        Row("GetKeyPolicy", Key, "kms:CallerAccount", "kms:ViaService"),
        Row("GetKeyRotationStatus", Key, "kms:CallerAccount", "kms:ViaService"),
        Row("GetParametersForImport", Key, "kms:CallerAccount", "kms:ViaService", "kms:WrappingAlgorithm", "kms:WrappingKeySpec"),
        Row("GetPublicKey", Key, "kms:CallerAccount", "kms:RequestAlias", "kms:ViaService"),
        Row("ImportKeyMaterial", Key, "kms:CallerAccount", "kms:ExpirationModel", "kms:ValidTo", "kms:ViaService"),
        Row("ListAliases", None),
        Row("ListGrants", Key, "kms:CallerAccount", "kms:GrantIsForAWSResource", "kms:ViaService"),
        Row("ListKeyPolicies", Key, "kms:CallerAccount", "kms:ViaService"),
        Row("ListKeyRotations", Key, "kms:CallerAccount", "kms:ViaService"),
        Row("ListKeys", None),
        Row("ListResourceTags", Key, "kms:CallerAccount", "kms:ViaService"),
        Row("ListRetirableGrants", None),
        Row("PutKeyPolicy", Key, "kms:BypassPolicyLockoutSafetyCheck", "kms:CallerAccount", "kms:ViaService"),
        Row("ReEncryptFrom", Key,
            "kms:CallerAccount", "kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}",
            "kms:EncryptionContextKeys", "kms:ReEncryptOnSameKey", "kms:RequestAlias", "kms:ViaService"),
        Row("ReEncryptTo", Key,
            "kms:CallerAccount", "kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}",
            "kms:EncryptionContextKeys", "kms:ReEncryptOnSameKey", "kms:RequestAlias", "kms:ViaService"),
        Row("ReplicateKey", Key, "kms:CallerAccount", "kms:ReplicaRegion", "kms:ViaService"),
        Row("RetireGrant", Key,
            "kms:CallerAccount", "kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys",
            "kms:GrantConstraintType", "kms:ViaService"),
        Row("RevokeGrant", Key, "kms:CallerAccount", "kms:GrantIsForAWSResource", "kms:ViaService"),
        Row("RotateKeyOnDemand", Key, "kms:CallerAccount", "kms:ViaService"),
        Row("ScheduleKeyDeletion", Key,
            "kms:CallerAccount", "kms:ScheduleKeyDeletionPendingWindowInDays", "kms:TrailingDaysWithoutKeyUsage",
            "kms:ViaService"),
        Row("Sign", Key, "kms:CallerAccount", "kms:MessageType", "kms:RequestAlias", "kms:SigningAlgorithm", "kms:ViaService"),
        Row("SynchronizeMultiRegionKey", Key),
        Row("TagResource", Key, "aws:RequestTag/${TagKey}", "aws:TagKeys", "kms:CallerAccount", "kms:ViaService"),
        Row("UntagResource", Key, "aws:TagKeys", "kms:CallerAccount", "kms:ViaService"),
        Row("UpdateAlias", AliasAndKey, "kms:CallerAccount", "kms:ViaService"),
        Row("UpdateCustomKeyStore", None, "kms:CallerAccount"),
        Row("UpdateKeyDescription", Key, "kms:CallerAccount", "kms:ViaService"),
        Row("UpdatePrimaryRegion", Key, "kms:CallerAccount", "kms:PrimaryRegion", "kms:ViaService"),
        Row("Verify", Key, "kms:CallerAccount", "kms:MessageType", "kms:RequestAlias", "kms:SigningAlgorithm", "kms:ViaService"),
        Row("VerifyMac", Key, "kms:CallerAccount", "kms:MacAlgorithm", "kms:RequestAlias", "kms:ViaService"),
    }.ToFrozenDictionary(a => a.Action, StringComparer.OrdinalIgnoreCase);

    private static ActionInfo Row(string action, string[] resourceTypes, params string[] conditionKeys) => new(action, resourceTypes, conditionKeys);

    /// <summary>The IAM actions KMS authorizes for one API operation: ReEncrypt's two, the action of the same name for
    /// every other operation.</summary>
    public static IReadOnlyList<string> ActionsOf(string operation) =>
        operation == "ReEncrypt" ? ["ReEncryptFrom", "ReEncryptTo"] : [operation];

    /// <summary>The type of a concrete condition key name (a templated family resolved by its prefix), or null for a key
    /// this table does not know.</summary>
    public static ConditionKeyInfo? Describe(string conditionKey)
    {
        if (ConditionKeyTypes.TryGetValue(conditionKey, out var info))
            return info;
        foreach (var (name, candidate) in ConditionKeyTypes)
        {
            var at = name.IndexOf("${", StringComparison.Ordinal);
            if (at > 0 && conditionKey.Length > at && conditionKey.StartsWith(name[..at], StringComparison.OrdinalIgnoreCase))
                return candidate;
        }
        return null;
    }

    private static bool IsGlobal(string conditionKey) => GlobalKeySet.Contains(conditionKey);
}
