namespace KmsActors.Kms.Cluster;

/// <summary>
/// Sharded entity IDs (docs/cluster.md): a region entity is "&lt;account&gt;:&lt;region&gt;", a key entity the key's
/// region-qualified ID "&lt;account&gt;:&lt;region&gt;:&lt;key-id&gt;" (the key's ARN without its constant parts). Neither an
/// account ID, a region name nor a key ID contains ':'.
/// </summary>
internal static class EntityIds
{
    public static string Region(string accountId, string region) => accountId + ":" + region;

    public static string Key(string accountId, string region, string keyId) => accountId + ":" + region + ":" + keyId;

    public static (string AccountId, string Region) ParseRegion(string entityId)
    {
        var parts = entityId.Split(':');
        return parts.Length == 2 ? (parts[0], parts[1]) : throw new ArgumentException($"Not a region entity ID: '{entityId}'.", nameof(entityId));
    }

    public static (string AccountId, string Region, string KeyId) ParseKey(string entityId)
    {
        var parts = entityId.Split(':');
        return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : throw new ArgumentException($"Not a key entity ID: '{entityId}'.", nameof(entityId));
    }
}
