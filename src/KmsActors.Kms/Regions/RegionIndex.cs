namespace KmsActors.Kms.Regions;

/// <summary>
/// The durable state of a RegionActor: keys (ordered by key ID, for stable ListKeys paging), aliases (ordered by
/// name) and the due dates of keys, earliest first. Changed only through <see cref="Apply"/>.
/// </summary>
internal sealed class RegionIndex
{
    public SortedList<string, KeyIndexed> Keys { get; } = new(StringComparer.Ordinal);
    public SortedList<string, AliasSet> Aliases { get; } = new(StringComparer.Ordinal);
    public SortedSet<(DateTimeOffset Due, string KeyId)> DueDates { get; } = new();

    // Every routed call asks whether its key exists: a hash lookup, not a binary search of string compares over Keys.
    private readonly HashSet<string> _keyIds = new(StringComparer.Ordinal);

    public bool HasKey(string keyId) => _keyIds.Contains(keyId);

    public void Apply(object @event)
    {
        switch (@event)
        {
            case KeyIndexed key:
                if (Keys.TryGetValue(key.KeyId, out var previous) && previous.NextDueDate is { } oldDue)
                    DueDates.Remove((oldDue, key.KeyId));
                Keys[key.KeyId] = key;
                _keyIds.Add(key.KeyId);
                if (key.NextDueDate is { } due)
                    DueDates.Add((due, key.KeyId));
                break;
            case KeyUnindexed gone:
                _keyIds.Remove(gone.KeyId);
                if (Keys.Remove(gone.KeyId, out var removed) && removed.NextDueDate is { } removedDue)
                    DueDates.Remove((removedDue, gone.KeyId));
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
            case RegionSnapshot snapshot:
                Keys.Clear();
                _keyIds.Clear();
                Aliases.Clear();
                DueDates.Clear();
                foreach (var key in snapshot.Keys)
                    Apply(key);
                foreach (var alias in snapshot.Aliases)
                    Apply(alias);
                break;
        }
    }

    public RegionSnapshot ToSnapshot() => new(Keys.Values.ToList(), Aliases.Values.ToList());

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
