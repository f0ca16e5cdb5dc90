namespace KmsActors.Kms.Regions;

/// <summary>
/// A region's key IDs in ordinal order, for ListKeys paging. Kept as sorted blocks of at most <see cref="BlockSize"/>
/// IDs: adding or removing one of a million random key IDs moves a few hundred references (a SortedList moves half a
/// million, which made CreateKey and journal replay quadratic), and a page starts with a binary search over the
/// blocks' first IDs, then one inside a block.
/// </summary>
internal sealed class SortedKeyIds
{
    private const int BlockSize = 512;
    private readonly List<List<string>> _blocks = [];

    public int Count { get; private set; }

    /// <summary>Adds <paramref name="keyId"/>; false when it is already there.</summary>
    public bool Add(string keyId)
    {
        if (_blocks.Count == 0)
        {
            _blocks.Add([keyId]);
            Count = 1;
            return true;
        }
        var b = BlockOf(keyId);
        var block = _blocks[b];
        var at = block.BinarySearch(keyId, StringComparer.Ordinal);
        if (at >= 0)
            return false;
        block.Insert(~at, keyId);
        Count++;
        if (block.Count > BlockSize)
        {
            var half = block.Count / 2;
            _blocks.Insert(b + 1, block.GetRange(half, block.Count - half));
            block.RemoveRange(half, block.Count - half);
        }
        return true;
    }

    /// <summary>Removes <paramref name="keyId"/>; false when it was not there.</summary>
    public bool Remove(string keyId)
    {
        if (_blocks.Count == 0)
            return false;
        var b = BlockOf(keyId);
        var block = _blocks[b];
        var at = block.BinarySearch(keyId, StringComparer.Ordinal);
        if (at < 0)
            return false;
        block.RemoveAt(at);
        Count--;
        if (block.Count == 0)
            _blocks.RemoveAt(b);
        return true;
    }

    public void Clear()
    {
        _blocks.Clear();
        Count = 0;
    }

    /// <summary>Up to <paramref name="limit"/> IDs greater than <paramref name="after"/> (from the first when null), in
    /// order; <paramref name="more"/> tells whether greater IDs follow the last one returned.</summary>
    public List<string> After(string? after, int limit, out bool more)
    {
        var page = new List<string>(Math.Min(limit, Count));
        more = false;
        if (_blocks.Count == 0)
            return page;
        var b = after is null ? 0 : BlockOf(after);
        var i = after is null ? 0 : FirstGreater(_blocks[b], after);
        for (; b < _blocks.Count; b++, i = 0)
        {
            var block = _blocks[b];
            for (; i < block.Count; i++)
            {
                if (page.Count == limit)
                {
                    more = true;
                    return page;
                }
                page.Add(block[i]);
            }
        }
        return page;
    }

    /// <summary>Every ID, in order.</summary>
    public IEnumerable<string> All() => _blocks.SelectMany(block => block);

    /// <summary>The block whose range holds <paramref name="keyId"/>: the last one whose first ID is not greater (block 0 if none).</summary>
    private int BlockOf(string keyId)
    {
        int low = 1, high = _blocks.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(_blocks[mid][0], keyId) <= 0)
                low = mid + 1;
            else
                high = mid;
        }
        return low - 1;
    }

    private static int FirstGreater(List<string> block, string after)
    {
        var at = block.BinarySearch(after, StringComparer.Ordinal);
        return at >= 0 ? at + 1 : ~at;
    }
}
