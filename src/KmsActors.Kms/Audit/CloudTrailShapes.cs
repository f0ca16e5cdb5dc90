using KmsActors.Kms.Model;

namespace KmsActors.Kms.Audit;

/// <summary>
/// Where a KMS CloudTrail record differs from a plain copy of the call's request and response (docs/audit.md):
/// Encrypt and Decrypt always log their encryption algorithm, ScheduleKeyDeletion logs the key, its state and the
/// deletion date, and the operations that use a key material name it in additionalEventData (keyMaterialId, or
/// sourceKeyMaterialId / destinationKeyMaterialId for ReEncrypt).
/// </summary>
internal static class CloudTrailShapes
{
    /// <summary>The algorithm CloudTrail logs for an Encrypt or Decrypt that left it out (the one the call used, or
    /// SYMMETRIC_DEFAULT, the API's default, when it was refused); null when the request names one or is another call.
    /// Kept beside the request instead of a copy of it: an Encrypt's audit record allocates nothing more.</summary>
    public static EncryptionAlgorithmSpec? ImpliedAlgorithmOf(object request, object? response) => request switch
    {
        DecryptRequest { EncryptionAlgorithm: null } => (response as DecryptResponse)?.EncryptionAlgorithm ?? EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT,
        EncryptRequest { EncryptionAlgorithm: null } => (response as EncryptResponse)?.EncryptionAlgorithm ?? EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT,
        _ => null,
    };

    /// <summary><paramref name="parameters"/> with <c>encryptionAlgorithm</c> in its place (before <c>dryRun</c>).</summary>
    public static IReadOnlyDictionary<string, object?> WithAlgorithm(IReadOnlyDictionary<string, object?> parameters, EncryptionAlgorithmSpec algorithm)
    {
        var map = new Dictionary<string, object?>(parameters.Count + 1, StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (name == "dryRun")
                map["encryptionAlgorithm"] = algorithm.ToString();
            map[name] = value;
        }
        map.TryAdd("encryptionAlgorithm", algorithm.ToString());
        return map;
    }

    /// <summary>The response as CloudTrail logs it in responseElements.</summary>
    public static object? ResponseOf(object? response) => response switch
    {
        // AWS's ScheduleKeyDeletion example logs keyId, keyState and deletionDate only.
        ScheduleKeyDeletionResponse r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["keyId"] = r.KeyId,
            ["keyState"] = r.KeyState?.ToString(),
            ["deletionDate"] = r.DeletionDate is { } date ? AuditRedaction.FormatDate(date) : null,
        },
        _ => response,
    };

    /// <summary>The material IDs a successful call used, as additionalEventData logs them: (keyMaterialId, null) for
    /// Encrypt, Decrypt and GenerateDataKey*, (sourceKeyMaterialId, destinationKeyMaterialId) for ReEncrypt; null for
    /// everything else (asymmetric and HMAC keys, which answer no material ID, included).</summary>
    public static (string? First, string? Second, bool ReEncrypt) MaterialIdsOf(object? response) => response switch
    {
        DecryptResponse r => (r.KeyMaterialId, null, false),
        GenerateDataKeyResponse r => (r.KeyMaterialId, null, false),
        GenerateDataKeyWithoutPlaintextResponse r => (r.KeyMaterialId, null, false),
        GenerateDataKeyPairResponse r => (r.KeyMaterialId, null, false),
        GenerateDataKeyPairWithoutPlaintextResponse r => (r.KeyMaterialId, null, false),
        ReEncryptResponse r => (r.SourceKeyMaterialId, r.DestinationKeyMaterialId, true),
        _ => (null, null, false),
    };

    /// <summary>additionalEventData as a map, CloudTrail's member order (ReEncrypt: destination first, as AWS's example).</summary>
    public static IReadOnlyDictionary<string, object?>? AdditionalEventData(string? first, string? second, bool reEncrypt)
    {
        if (first is null && second is null)
            return null;
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (!reEncrypt)
        {
            map["keyMaterialId"] = first;
            return map;
        }
        if (second is not null)
            map["destinationKeyMaterialId"] = second;
        if (first is not null)
            map["sourceKeyMaterialId"] = first;
        return map;
    }
}
