using System.Collections.Concurrent;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;

namespace KmsActors.Hosting.Metrics;

/// <summary>The last <see cref="KeyStateObserved"/> of every key (by ARN) since the engine started; deleted keys are dropped.</summary>
internal sealed class KeyStateTable
{
    private readonly ConcurrentDictionary<string, KeyStateObserved> _keys = new(StringComparer.Ordinal);

    public void Observe(KeyStateObserved observed)
    {
        if (observed.Deleted)
            _keys.TryRemove(observed.Arn, out _);
        else
            _keys[observed.Arn] = observed;
    }

    public IEnumerable<(KeyState State, int Count)> CountByState() =>
        _keys.Values.GroupBy(k => k.State).Select(g => (g.Key, g.Count()));

    /// <summary>EXTERNAL keys whose present material expires, with the earliest ValidTo.</summary>
    public IEnumerable<(string KeyId, DateTimeOffset ValidTo)> Expiring() =>
        _keys.Values
            .Where(k => k.Origin == OriginType.EXTERNAL && k.ValidTo is not null)
            .Select(k => (k.KeyId, k.ValidTo!.Value));
}
