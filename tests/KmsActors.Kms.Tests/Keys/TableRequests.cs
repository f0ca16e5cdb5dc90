using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>A valid request of each operation for a key, so the table tests see only the key state's effect.</summary>
internal static class TableRequests
{
    public static bool IsCrypto(string operation) => operation is "Encrypt" or "Decrypt" or "ReEncrypt" or "GenerateDataKey"
        or "GenerateDataKeyWithoutPlaintext" or "GenerateDataKeyPair" or "GenerateDataKeyPairWithoutPlaintext" or "Sign" or "Verify"
        or "GenerateMac" or "VerifyMac" or "GetPublicKey" or "DeriveSharedSecret";

    public static object For(string operation, KmsKey key) => operation switch
    {
        "CancelKeyDeletion" => new CancelKeyDeletionRequest { KeyId = key.KeyId },
        "DescribeKey" => new DescribeKeyRequest { KeyId = key.KeyId },
        "DeleteImportedKeyMaterial" => new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId },
        "DisableKey" => new DisableKeyRequest { KeyId = key.KeyId },
        "EnableKey" => new EnableKeyRequest { KeyId = key.KeyId },
        "EnableKeyRotation" => new EnableKeyRotationRequest { KeyId = key.KeyId },
        "DisableKeyRotation" => new DisableKeyRotationRequest { KeyId = key.KeyId },
        "GetKeyRotationStatus" => new GetKeyRotationStatusRequest { KeyId = key.KeyId },
        "ListKeyRotations" => new ListKeyRotationsRequest { KeyId = key.KeyId },
        "RotateKeyOnDemand" => new RotateKeyOnDemandRequest { KeyId = key.KeyId },
        "GetParametersForImport" => new GetParametersForImportRequest { KeyId = key.KeyId, WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_4096 },
        "ImportKeyMaterial" => TestKeys.ImportRequest(key),
        "ScheduleKeyDeletion" => new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = 7 },
        "TagResource" => new TagResourceRequest { KeyId = key.KeyId, Tags = [new Tag { TagKey = "team", TagValue = "payments" }] },
        "UntagResource" => new UntagResourceRequest { KeyId = key.KeyId, TagKeys = ["team"] },
        "UpdateKeyDescription" => new UpdateKeyDescriptionRequest { KeyId = key.KeyId, Description = "new" },
        "ListResourceTags" => new ListResourceTagsRequest { KeyId = key.KeyId },
        "GetKeyPolicy" => new GetKeyPolicyRequest { KeyId = key.KeyId, PolicyName = "default" },
        "PutKeyPolicy" => new PutKeyPolicyRequest { KeyId = key.KeyId, PolicyName = "default", Policy = KeyRules.DefaultPolicy("aws", key.AccountId) },
        "ListKeyPolicies" => new ListKeyPoliciesRequest { KeyId = key.KeyId },
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}
