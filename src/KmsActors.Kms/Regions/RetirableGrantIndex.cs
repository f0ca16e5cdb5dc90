using KmsActors.Kms.Keys;

namespace KmsActors.Kms.Regions;

/// <summary>
/// The region's ListRetirableGrants index: the grants of its keys that name a retiring principal, by key ID (ordinal
/// order) and, within a key, in creation order (docs/grants.md). Fed by the key actors (<see cref="RetirableGrantsChanged"/>)
/// and kept in the region's journal and snapshot, so listing never wakes a key.
/// </summary>
internal sealed class RetirableGrantIndex
{
    private readonly SortedDictionary<string, List<Grant>> _byKey = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public IReadOnlyList<Grant> Of(string keyId) => _byKey.TryGetValue(keyId, out var grants) ? grants : [];

    public void Apply(object @event)
    {
        switch (@event)
        {
            case RetirableGrantIndexed added:
                if (!_byKey.TryGetValue(added.KeyId, out var grants))
                    _byKey[added.KeyId] = grants = [];
                if (grants.TrueForAll(g => g.GrantId != added.Grant.GrantId))
                {
                    grants.Add(added.Grant);
                    Count++;
                }
                break;
            case RetirableGrantUnindexed removed:
                if (_byKey.TryGetValue(removed.KeyId, out var list))
                {
                    Count -= list.RemoveAll(g => g.GrantId == removed.GrantId);
                    if (list.Count == 0)
                        _byKey.Remove(removed.KeyId);
                }
                break;
        }
    }

    /// <summary>The key is gone (KeyUnindexed): AWS deletes its grants with it.</summary>
    public void RemoveKey(string keyId)
    {
        if (_byKey.Remove(keyId, out var grants))
            Count -= grants.Count;
    }

    public void Clear()
    {
        _byKey.Clear();
        Count = 0;
    }

    /// <summary>The grants naming <paramref name="retiringPrincipal"/>, in (key ID, creation) order.</summary>
    public IEnumerable<(string KeyId, Grant Grant)> Retirable(string retiringPrincipal)
    {
        foreach (var (keyId, grants) in _byKey)
            foreach (var grant in grants)
                if (grant.RetiringPrincipal == retiringPrincipal)
                    yield return (keyId, grant);
    }

    public IEnumerable<RetirableGrantIndexed> ToEvents() =>
        _byKey.SelectMany(entry => entry.Value.Select(grant => new RetirableGrantIndexed(entry.Key, grant)));
}
