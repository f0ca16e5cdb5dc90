namespace KmsActors.Kms.Regions;

/// <summary>
/// The durable state of a RegionActor: keys (by key ID, and in key ID order for stable ListKeys paging), aliases
/// (ordered by name) and the due dates of keys, earliest first. Changed only through <see cref="Apply"/>.
/// </summary>
internal sealed class RegionIndex
{
    // Every routed call asks whether its key exists: a hash lookup, not a search of string compares.
    private readonly Dictionary<string, KeyIndexed> _keys = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, KeyIndexed> Keys => _keys;
    public SortedKeyIds KeyOrder { get; } = new();
    public SortedList<string, AliasSet> Aliases { get; } = new(StringComparer.Ordinal);
    public SortedSet<(DateTimeOffset Due, string KeyId)> DueDates { get; } = new();
    /// <summary>Grants with a retiring principal, for ListRetirableGrants (docs/grants.md).</summary>
    public RetirableGrantIndex RetirableGrants { get; } = new();

    public bool HasKey(string keyId) => _keys.ContainsKey(keyId);

    public void Apply(object @event)
    {
        switch (@event)
        {
            case KeyIndexed key:
                if (_keys.TryGetValue(key.KeyId, out var previous))
                {
                    if (previous.NextDueDate is { } oldDue)
                        DueDates.Remove((oldDue, key.KeyId));
                }
                else
                    KeyOrder.Add(key.KeyId);
                _keys[key.KeyId] = key;
                if (key.NextDueDate is { } due)
                    DueDates.Add((due, key.KeyId));
                break;
            case KeyUnindexed gone:
                if (_keys.Remove(gone.KeyId, out var removed))
                {
                    KeyOrder.Remove(gone.KeyId);
                    if (removed.NextDueDate is { } removedDue)
                        DueDates.Remove((removedDue, gone.KeyId));
                }
                RetirableGrants.RemoveKey(gone.KeyId); // and its grants
                // AWS: deleting a key deletes its aliases.
                foreach (var alias in Aliases.Values.Where(a => a.TargetKeyId == gone.KeyId).ToList())
                    Aliases.Remove(alias.AliasName);
                break;
            case AliasSet alias:
                Aliases[alias.AliasName] = alias;
                break;
            case AliasRemoved alias:
                Aliases.Remove(alias.AliasName);
                break;
            case RetirableGrantIndexed or RetirableGrantUnindexed:
                RetirableGrants.Apply(@event);
                break;
            case RegionSnapshot snapshot:
                _keys.Clear();
                KeyOrder.Clear();
                Aliases.Clear();
                DueDates.Clear();
                RetirableGrants.Clear();
                foreach (var key in snapshot.Keys)
                    Apply(key);
                foreach (var alias in snapshot.Aliases)
                    Apply(alias);
                foreach (var grant in snapshot.RetirableGrants ?? [])
                    Apply(grant);
                break;
        }
    }

    /// <summary>Keys in key ID order, so restoring appends to <see cref="KeyOrder"/>'s last block.</summary>
    public RegionSnapshot ToSnapshot() => new(KeyOrder.All().Select(id => _keys[id]).ToList(), Aliases.Values.ToList(),
        RetirableGrants.Count == 0 ? null : RetirableGrants.ToEvents().ToList());

    /// <summary>Index of the first entry whose name is greater than <paramref name="after"/> (binary search; for paging).</summary>
    public static int FirstAfter(IList<string> sortedNames, string? after)
    {
        if (after is null)
            return 0;
        int low = 0, high = sortedNames.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(sortedNames[mid], after) <= 0)
                low = mid + 1;
            else
                high = mid;
        }
        return low;
    }
}
