using System.Globalization;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Policy;

public static partial class KmsConditionKeys
{
    private const string SymmetricDefault = "SYMMETRIC_DEFAULT";

    /// <summary>The keys whose values come from the request's members (docs/condition-keys.md, "Request keys"). Where
    /// AWS documents that a key holds a member's default when the request omits it (kms:EncryptionAlgorithm,
    /// kms:KeySpec…), the default is filled; where AWS's examples test the member's absence with <c>Null</c>
    /// (kms:ExpirationModel, kms:BypassPolicyLockoutSafetyCheck), the key is absent.</summary>
    private static void AddRequest(Writer context, ActionInfo action, KmsCallFacts facts)
    {
        switch (facts.Request)
        {
            case EncryptRequest r:
                AddEncryptionContext(context, r.EncryptionContext);
                context.Put("kms:EncryptionAlgorithm", r.EncryptionAlgorithm?.ToString() ?? SymmetricDefault);
                break;
            case DecryptRequest r:
                AddEncryptionContext(context, r.EncryptionContext);
                context.Put("kms:EncryptionAlgorithm", r.EncryptionAlgorithm?.ToString() ?? SymmetricDefault);
                break;
            // Data keys and data key pairs are always encrypted under a symmetric key with SYMMETRIC_DEFAULT.
            case GenerateDataKeyRequest r:
                AddEncryptionContext(context, r.EncryptionContext);
                context.Put("kms:EncryptionAlgorithm", SymmetricDefault);
                break;
            case GenerateDataKeyWithoutPlaintextRequest r:
                AddEncryptionContext(context, r.EncryptionContext);
                context.Put("kms:EncryptionAlgorithm", SymmetricDefault);
                break;
            case GenerateDataKeyPairRequest r:
                AddEncryptionContext(context, r.EncryptionContext);
                context.Put("kms:EncryptionAlgorithm", SymmetricDefault);
                context.Put("kms:DataKeyPairSpec", r.KeyPairSpec?.ToString());
                break;
            case GenerateDataKeyPairWithoutPlaintextRequest r:
                AddEncryptionContext(context, r.EncryptionContext);
                context.Put("kms:EncryptionAlgorithm", SymmetricDefault);
                context.Put("kms:DataKeyPairSpec", r.KeyPairSpec?.ToString());
                break;
            case ReEncryptRequest r:
                AddReEncrypt(context, action, facts, r);
                break;
            case SignRequest r:
                context.Put("kms:SigningAlgorithm", r.SigningAlgorithm?.ToString());
                context.Put("kms:MessageType", r.MessageType?.ToString() ?? "RAW");
                break;
            case VerifyRequest r:
                context.Put("kms:SigningAlgorithm", r.SigningAlgorithm?.ToString());
                context.Put("kms:MessageType", r.MessageType?.ToString() ?? "RAW");
                break;
            case GenerateMacRequest r:
                context.Put("kms:MacAlgorithm", r.MacAlgorithm?.ToString());
                break;
            case VerifyMacRequest r:
                context.Put("kms:MacAlgorithm", r.MacAlgorithm?.ToString());
                break;
            case DeriveSharedSecretRequest r:
                context.Put("kms:KeyAgreementAlgorithm", r.KeyAgreementAlgorithm?.ToString());
                break;
            case GetParametersForImportRequest r:
                context.Put("kms:WrappingAlgorithm", r.WrappingAlgorithm?.ToString());
                context.Put("kms:WrappingKeySpec", r.WrappingKeySpec?.ToString());
                break;
            case ImportKeyMaterialRequest r:
                context.Put("kms:ExpirationModel", r.ExpirationModel?.ToString());
                context.Put("kms:ValidTo", r.ValidTo?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                break;
            case CreateGrantRequest r:
                AddCreateGrant(context, r);
                break;
            case CreateKeyRequest r:
                AddCreateKey(context, r);
                break;
            case PutKeyPolicyRequest r:
                context.Put("kms:BypassPolicyLockoutSafetyCheck", r.BypassPolicyLockoutSafetyCheck is { } bypass ? Bool(bypass) : null);
                break;
            case EnableKeyRotationRequest r:
                // AWS's default rotation period when the request names none.
                context.Put("kms:RotationPeriodInDays", (r.RotationPeriodInDays ?? 365).ToString(CultureInfo.InvariantCulture));
                break;
            case ScheduleKeyDeletionRequest r:
                // AWS's default waiting period when the request names none.
                context.Put("kms:ScheduleKeyDeletionPendingWindowInDays", (r.PendingWindowInDays ?? 30).ToString(CultureInfo.InvariantCulture));
                break;
            case UpdatePrimaryRegionRequest r:
                context.Put("kms:PrimaryRegion", r.PrimaryRegion);
                break;
            case ReplicateKeyRequest r:
                context.Put("kms:ReplicaRegion", r.ReplicaRegion);
                AddRequestTags(context, r.Tags);
                break;
            case TagResourceRequest r:
                AddRequestTags(context, r.Tags);
                break;
            case UntagResourceRequest r:
                context.PutMulti("aws:TagKeys", r.TagKeys ?? []);
                break;
        }
    }

    private static void AddEncryptionContext(Writer context, IReadOnlyDictionary<string, string>? encryptionContext)
    {
        if (encryptionContext is null || encryptionContext.Count == 0)
            return;
        var names = context.PutPairs("kms:EncryptionContext:", encryptionContext);
        context.PutMulti("kms:EncryptionContextKeys", names);
    }

    /// <summary>ReEncrypt's two authorizations each see their own half of the request: ReEncryptFrom the source
    /// encryption context and algorithm, ReEncryptTo the destination's (our reading; docs/condition-keys.md).</summary>
    private static void AddReEncrypt(Writer context, ActionInfo action, KmsCallFacts facts, ReEncryptRequest r)
    {
        var isFrom = action.Action == "ReEncryptFrom";
        AddEncryptionContext(context, isFrom ? r.SourceEncryptionContext : r.DestinationEncryptionContext);
        var algorithm = isFrom ? r.SourceEncryptionAlgorithm : r.DestinationEncryptionAlgorithm;
        context.Put("kms:EncryptionAlgorithm", algorithm?.ToString() ?? SymmetricDefault);
        if (facts.Key is { } key && facts.ReEncryptPeerKeyArn is { } peer)
            context.Put("kms:ReEncryptOnSameKey", Bool(key.Arn == peer));
    }

    private static void AddCreateGrant(Writer context, CreateGrantRequest r)
    {
        if (r.Operations is { } operations)
            context.PutMulti("kms:GrantOperations", operations.Select(static o => o.ToString()).ToArray());
        context.Put("kms:GranteePrincipal", r.GranteePrincipal);
        context.Put("kms:RetiringPrincipal", r.RetiringPrincipal);
        context.Put("kms:GranteeServicePrincipal", IsServicePrincipal(r.GranteePrincipal) ? r.GranteePrincipal : null);
        context.Put("kms:RetiringServicePrincipal", IsServicePrincipal(r.RetiringPrincipal) ? r.RetiringPrincipal : null);
        // The grant constraint's encryption context is the request's encryption context for CreateGrant.
        if (r.Constraints?.EncryptionContextEquals is { } equals)
        {
            context.Put("kms:GrantConstraintType", "EncryptionContextEquals");
            AddEncryptionContext(context, equals);
        }
        else if (r.Constraints?.EncryptionContextSubset is { } subset)
        {
            context.Put("kms:GrantConstraintType", "EncryptionContextSubset");
            AddEncryptionContext(context, subset);
        }
    }

    /// <summary>CreateKey's keys describe the key the request would create, with AWS's defaults for omitted members.</summary>
    private static void AddCreateKey(Writer context, CreateKeyRequest r)
    {
        var spec = r.KeySpec?.ToString() ?? r.CustomerMasterKeySpec?.ToString() ?? SymmetricDefault;
        var usage = r.KeyUsage?.ToString() ?? nameof(KeyUsageType.ENCRYPT_DECRYPT);
        var multiRegion = r.MultiRegion ?? false;
        context.Put("kms:KeyOrigin", r.Origin?.ToString() ?? nameof(OriginType.AWS_KMS));
        context.Put("kms:KeySpec", spec);
        context.Put("kms:CustomerMasterKeySpec", spec);
        context.Put("kms:KeyUsage", usage);
        context.Put("kms:CustomerMasterKeyUsage", usage);
        context.Put("kms:MultiRegion", Bool(multiRegion));
        context.Put("kms:MultiRegionKeyType", multiRegion ? nameof(MultiRegionKeyType.PRIMARY) : null);
        context.Put("kms:BypassPolicyLockoutSafetyCheck", r.BypassPolicyLockoutSafetyCheck is { } bypass ? Bool(bypass) : null);
        AddRequestTags(context, r.Tags);
    }

    private static void AddRequestTags(Writer context, IReadOnlyList<Tag>? tags)
    {
        if (tags is null || tags.Count == 0)
            return;
        var pairs = tags.Where(static t => t.TagKey is not null)
            .Select(static t => new KeyValuePair<string, string>(t.TagKey!, t.TagValue ?? "")).ToArray();
        context.PutPairs("aws:RequestTag/", pairs);
        context.PutMulti("aws:TagKeys", pairs.Select(static p => p.Key).Order(StringComparer.Ordinal).ToArray());
    }

    private static bool IsServicePrincipal(string? principal) =>
        principal is not null && (principal.EndsWith(".amazonaws.com", StringComparison.Ordinal) || principal.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal));
}
