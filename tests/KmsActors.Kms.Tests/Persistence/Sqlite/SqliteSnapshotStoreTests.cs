using Akka.Persistence;

namespace KmsActors.Kms.Tests.Persistence.Sqlite;

public sealed class SqliteSnapshotStoreTests : SqliteJournalSpec
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task the_newest_snapshot_within_the_criteria_is_loaded_and_deleted_ones_are_gone()
    {
        var store = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        foreach (var n in new[] { 10, 20, 30 })
        {
            store.Tell(new SaveSnapshot(new SnapshotMetadata("key-s", n, Start.AddMinutes(n)), new JournalTestActor.State([$"at {n}"])), TestActor);
            await ExpectMsgAsync<SaveSnapshotSuccess>();
        }

        Assert.Equal((30L, "at 30"), await Load(SnapshotSelectionCriteria.Latest));
        Assert.Equal((20L, "at 20"), await Load(new SnapshotSelectionCriteria(maxSequenceNr: 25)));
        Assert.Equal((10L, "at 10"), await Load(new SnapshotSelectionCriteria(long.MaxValue, Start.AddMinutes(15))));

        store.Tell(new DeleteSnapshots("key-s", new SnapshotSelectionCriteria(minSequenceNr: 15, maxSequenceNr: long.MaxValue, maxTimeStamp: DateTime.MaxValue)), TestActor);
        await ExpectMsgAsync<DeleteSnapshotsSuccess>();
        Assert.Equal((10L, "at 10"), await Load(SnapshotSelectionCriteria.Latest));

        store.Tell(new DeleteSnapshot(new SnapshotMetadata("key-s", 10, Start.AddMinutes(10))), TestActor);
        await ExpectMsgAsync<DeleteSnapshotSuccess>();
        store.Tell(new LoadSnapshot("key-s", SnapshotSelectionCriteria.Latest, long.MaxValue), TestActor);
        Assert.Null((await ExpectMsgAsync<LoadSnapshotResult>()).Snapshot);

        async Task<(long, string)> Load(SnapshotSelectionCriteria criteria)
        {
            store.Tell(new LoadSnapshot("key-s", criteria, long.MaxValue), TestActor);
            var selected = (await ExpectMsgAsync<LoadSnapshotResult>()).Snapshot!;
            return (selected.Metadata.SequenceNr, ((JournalTestActor.State)selected.Snapshot).Texts.Single());
        }
    }
}
