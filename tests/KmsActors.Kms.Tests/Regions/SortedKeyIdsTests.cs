using KmsActors.Kms.Regions;

namespace KmsActors.Kms.Tests.Regions;

/// <summary>The ordered key IDs behind ListKeys: many blocks, pages that cross block boundaries, removals.</summary>
public sealed class SortedKeyIdsTests
{
    private static List<string> RandomKeyIds(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes).ToString();
        }).ToList();
    }

    private static List<string> PageThrough(SortedKeyIds ids, int limit)
    {
        var seen = new List<string>();
        string? after = null;
        while (true)
        {
            var page = ids.After(after, limit, out var more);
            seen.AddRange(page);
            Assert.Equal(more, page.Count == limit && seen.Count < ids.Count);
            if (!more)
                return seen;
            after = page[^1];
        }
    }

    [Fact]
    public void paging_with_the_last_id_of_each_page_returns_every_id_once_in_ordinal_order()
    {
        var keyIds = RandomKeyIds(20_000, seed: 6);
        var ids = new SortedKeyIds();
        foreach (var keyId in keyIds)
            Assert.True(ids.Add(keyId));

        Assert.Equal(20_000, ids.Count);
        Assert.Equal(keyIds.Order(StringComparer.Ordinal), PageThrough(ids, 1000));
        Assert.Equal(keyIds.Order(StringComparer.Ordinal), PageThrough(ids, 7));
    }

    [Fact]
    public void a_removed_id_is_no_longer_listed_and_a_marker_that_was_removed_still_pages_on()
    {
        var keyIds = RandomKeyIds(3_000, seed: 7);
        var ids = new SortedKeyIds();
        keyIds.ForEach(id => ids.Add(id));
        var sorted = keyIds.Order(StringComparer.Ordinal).ToList();
        var removed = sorted.Where((_, i) => i % 3 == 0).ToList();

        foreach (var keyId in removed)
            Assert.True(ids.Remove(keyId));

        Assert.False(ids.Remove(removed[0]));
        Assert.False(ids.Add(sorted[1]));
        Assert.Equal(sorted.Except(removed), PageThrough(ids, 100));
        // A marker names the last ID of the previous page; if that key is deleted meanwhile, the next page still follows it.
        Assert.Equal(sorted[1], ids.After(removed[0], 1, out _).Single());
    }

    [Fact]
    public void an_empty_set_lists_nothing()
    {
        var ids = new SortedKeyIds();
        Assert.Empty(ids.After(null, 100, out var more));
        Assert.False(more);
        Assert.Empty(ids.After("anything", 100, out _));
    }
}
