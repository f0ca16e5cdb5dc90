using Akka.Persistence;
using Microsoft.Data.Sqlite;

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

    [Fact]
    public async Task a_snapshot_table_of_the_first_schema_is_converted_and_its_snapshots_still_load()
    {
        // The first schema kept snapshots WITHOUT ROWID; write one as that version did, before the store starts.
        var state = new JournalTestActor.State(["kept"]);
        var serializer = Sys.Serialization.FindSerializerFor(state);
        Directory.CreateDirectory(DataDir);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(DataDir, "kms.db")};Pooling=False"))
        {
            connection.Open();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE snapshot (persistence_id TEXT NOT NULL, sequence_nr INTEGER NOT NULL, timestamp INTEGER NOT NULL,
                    manifest TEXT NOT NULL, serializer_id INTEGER NOT NULL, payload BLOB NOT NULL,
                    PRIMARY KEY (persistence_id, sequence_nr)) WITHOUT ROWID;
                INSERT INTO snapshot VALUES ('key-old', 7, $ts, $manifest, $serializer, $payload);
                """;
            command.Parameters.AddWithValue("$ts", Start.Ticks);
            command.Parameters.AddWithValue("$manifest", Akka.Serialization.Serialization.ManifestFor(serializer, state));
            command.Parameters.AddWithValue("$serializer", serializer.Identifier);
            command.Parameters.AddWithValue("$payload", serializer.ToBinary(state));
            command.ExecuteNonQuery();
        }

        var store = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        store.Tell(new LoadSnapshot("key-old", SnapshotSelectionCriteria.Latest, long.MaxValue), TestActor);
        var loaded = (await ExpectMsgAsync<LoadSnapshotResult>()).Snapshot!;

        Assert.Equal((7L, "kept"), (loaded.Metadata.SequenceNr, ((JournalTestActor.State)loaded.Snapshot).Texts.Single()));
        await using var check = new SqliteConnection($"Data Source={Path.Combine(DataDir, "kms.db")};Pooling=False");
        check.Open();
        await using var schema = check.CreateCommand();
        schema.CommandText = "SELECT group_concat(sql, ' ') FROM sqlite_master WHERE tbl_name = 'snapshot'";
        var sql = (string)(await schema.ExecuteScalarAsync())!;
        Assert.DoesNotContain("WITHOUT ROWID", sql, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("snapshot_persistence_id_sequence_nr", sql, StringComparison.Ordinal);
    }
}
