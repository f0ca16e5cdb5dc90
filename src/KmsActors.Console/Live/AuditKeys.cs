using KmsActors.Kms.Audit;

namespace KmsActors.Console.Live;

/// <summary>
/// How an audit record names its key (docs/audit.md): an API call on a key lists the key's ARN (and an alias ARN when
/// the call named an alias) in resources; a refused call on a key that does not resolve may list none, and then only
/// requestParameters.keyId names it; a service event (DeleteExpiredKeyMaterial, DeleteKey) names it in
/// serviceEventDetails.keyId.
/// </summary>
public static class AuditKeys
{
    private const string KeyMarker = ":key/";

    /// <summary>The key ID of the first key ARN in resources, else the keyId the request named, else the service
    /// event's keyId; null for calls about no key (ListKeys, CreateKey refused, GenerateRandom).</summary>
    public static string? KeyOf(AuditRecord record)
    {
        foreach (var resource in record.Resources)
        {
            var at = resource.Arn.IndexOf(KeyMarker, StringComparison.Ordinal);
            if (at >= 0)
                return resource.Arn[(at + KeyMarker.Length)..];
        }
        if (record.EventType == AuditRecord.ApiCall && record.RequestParameters?.GetValueOrDefault("keyId") is string named)
            return named;
        return record.ServiceEventDetails?.KeyId;
    }

    /// <summary>True when the record is about <paramref name="key"/>: a key ID, a key ARN, an alias name
    /// (alias/…) or an alias ARN, matched against the resources' ARNs, the request's keyId and the service event's keyId.</summary>
    public static bool Concerns(AuditRecord record, string key)
    {
        foreach (var resource in record.Resources)
            if (Names(resource.Arn, key))
                return true;
        if (record.ServiceEventDetails?.KeyId is { } serviceKey && Names(serviceKey, key))
            return true;
        return record.EventType == AuditRecord.ApiCall && record.RequestParameters?.GetValueOrDefault("keyId") is string named && Names(named, key);
    }

    // "arn:aws:kms:us-east-1:111122223333:key/1234…" names "1234…", "key/1234…" and itself; an alias ARN names "alias/x".
    private static bool Names(string value, string key) =>
        string.Equals(value, key, StringComparison.Ordinal)
        || value.EndsWith(":" + key, StringComparison.Ordinal)
        || (value.EndsWith("/" + key, StringComparison.Ordinal) && !key.Contains('/', StringComparison.Ordinal) && value.Contains(KeyMarker, StringComparison.Ordinal));
}
