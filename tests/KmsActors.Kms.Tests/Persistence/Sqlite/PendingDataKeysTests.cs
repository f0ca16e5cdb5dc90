using KmsActors.Kms.Persistence.Sqlite;

namespace KmsActors.Kms.Tests.Persistence.Sqlite;

public sealed class PendingDataKeysTests
{
    private const string Arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static DataKeyRow Row(string id, bool forSnapshot = false) => new(id, Arn, "material", [1, 2, 3], forSnapshot);

    [Fact]
    public void a_journal_write_takes_its_rows_in_order_and_leaves_the_snapshots_rows_to_the_snapshot()
    {
        var pending = new PendingDataKeys();
        pending.Add(Row("a"));
        pending.Add(Row("s", forSnapshot: true));
        pending.Add(Row("b"));

        Assert.Equal(["a", "b"], pending.Take("key-" + Arn)!.Select(r => r.DataKeyId));
        Assert.Null(pending.Take("key-" + Arn));
        Assert.NotNull(pending.FindRow("s"));
        Assert.Equal(["s"], pending.Take("key-" + Arn, forSnapshot: true)!.Select(r => r.DataKeyId));
        Assert.Null(pending.Take("region-us-east-1"));
        // Nothing is kept for a key whose rows were all taken.
        Assert.Equal(0, pending.KeysWaiting);
    }

    [Fact]
    public void removed_rows_are_gone_and_a_key_can_wait_again_after_being_emptied()
    {
        var pending = new PendingDataKeys();
        pending.Add(Row("a"));
        pending.Add(Row("b"));
        Assert.True(pending.Remove("a"));
        Assert.False(pending.Remove("a"));
        Assert.Null(pending.FindRow("a"));
        Assert.Equal(1, pending.RemoveAll(Arn));
        Assert.Equal(0, pending.KeysWaiting);

        pending.Restore([Row("c")]);
        Assert.Equal(["c"], pending.Take("key-" + Arn)!.Select(r => r.DataKeyId));
        Assert.Equal(0, pending.KeysWaiting);
    }
}
