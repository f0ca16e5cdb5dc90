using System.Collections.Concurrent;
using System.Reflection;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Realism;

/// <summary>
/// What the realism layer has seen of keys at the engine's front door: each key's spec (to charge the RSA or ECC
/// quota instead of the symmetric one) and when it was created (for eventual consistency). Learned from
/// CreateKey and DescribeKey responses; a key it has not seen counts as symmetric and long established.
/// </summary>
public sealed class KnownKeys
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> KeyIdMembers = new();
    private readonly ConcurrentDictionary<string, (KeySpec Spec, DateTimeOffset Created)> _keys = new(StringComparer.Ordinal);

    public void Observe(KeyMetadata? metadata, bool created, DateTimeOffset now)
    {
        if (metadata?.KeyId is not { } keyId)
            return;
        var spec = metadata.KeySpec ?? KeySpec.SYMMETRIC_DEFAULT;
        if (created)
            _keys[keyId] = (spec, now);
        else
            _keys.TryAdd(keyId, (spec, DateTimeOffset.MinValue));
    }

    public KeySpec? SpecOf(string? keyId) => keyId is not null && _keys.TryGetValue(keyId, out var key) ? key.Spec : null;

    public DateTimeOffset? CreatedAt(string? keyId) => keyId is not null && _keys.TryGetValue(keyId, out var key) ? key.Created : null;

    /// <summary>The key ID a request names (its KeyId member, or TargetKeyId), ARNs reduced to the ID; null for
    /// none or an alias.</summary>
    public static string? KeyIdOf(object request)
    {
        var member = KeyIdMembers.GetOrAdd(request.GetType(), type =>
            type.GetProperty("KeyId", typeof(string)) ?? type.GetProperty("TargetKeyId", typeof(string)));
        if (member?.GetValue(request) is not string keyId || keyId.StartsWith("alias/", StringComparison.Ordinal))
            return null;
        if (!keyId.StartsWith("arn:", StringComparison.Ordinal))
            return keyId;
        var slash = keyId.IndexOf(":key/", StringComparison.Ordinal);
        return slash < 0 ? null : keyId[(slash + 5)..];
    }
}
