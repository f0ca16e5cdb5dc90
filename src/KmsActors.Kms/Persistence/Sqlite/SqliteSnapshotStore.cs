using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Snapshot;
using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>
/// Snapshots in the journal's SQLite file (table snapshot). Snapshots are rare (one per kms.snapshot-every
/// events), so each operation simply runs in its own transaction on a pooled connection, on the store's own threads
/// (reader-threads), never on the thread pool Akka's dispatcher runs actors on.
/// Configured as kms.persistence.sqlite-snapshot-store.
/// </summary>
public sealed class SqliteSnapshotStore : SnapshotStore
{
    private readonly SqliteJournalSettings _settings;
    private readonly Akka.Serialization.Serialization _serialization;
    /// <summary>This engine's pending data keys (per actor system: two engines never share them).</summary>
    private readonly PendingDataKeysRegistry _pendingDataKeys;
    private readonly Services.DedicatedThreads _threads;

    public SqliteSnapshotStore(Config config)
    {
        _settings = SqliteJournalSettings.From(config);
        _pendingDataKeys = PendingDataKeysRegistry.Get(Context.System);
        _serialization = Context.System.Serialization;
        _threads = new Services.DedicatedThreads("kms-sqlite-snapshot-store", _settings.ReaderThreads);
        if (_settings.AutoInitialize)
            SqliteDatabase.CreateSchema(_settings);
    }

    protected override Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken) =>
        _threads.Run(() =>
        {
            using var connection = SqliteDatabase.OpenReader(_settings);
            using var command = Command(connection, null, """
                SELECT sequence_nr, timestamp, manifest, serializer_id, payload FROM snapshot
                WHERE persistence_id = $pid AND sequence_nr BETWEEN $min_seq AND $max_seq AND timestamp BETWEEN $min_ts AND $max_ts
                ORDER BY sequence_nr DESC LIMIT 1
                """, persistenceId, criteria);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return null;
            var snapshot = _serialization.Deserialize((byte[])reader.GetValue(4), reader.GetInt32(3), reader.GetString(2));
            var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), new DateTime(reader.GetInt64(1), DateTimeKind.Utc));
            return (SelectedSnapshot?)new SelectedSnapshot(metadata, snapshot);
        });

    protected override Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        // Serialized on the actor thread, so a snapshot that cannot be serialized fails its save at once.
        var serializer = _serialization.FindSerializerFor(snapshot);
        var payload = serializer.ToBinary(snapshot);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, snapshot);
        // The data keys the snapshot seals material under are written with it (see PendingDataKeys).
        var pending = _pendingDataKeys.Find(_settings.ConnectionString);
        var dataKeys = pending?.Take(metadata.PersistenceId, forSnapshot: true);
        var saved = InTransaction((connection, transaction) =>
        {
            if (dataKeys is not null)
                PendingDataKeys.Insert(connection, transaction, dataKeys);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT OR REPLACE INTO snapshot (persistence_id, sequence_nr, timestamp, manifest, serializer_id, payload)
                VALUES ($pid, $seq, $ts, $manifest, $serializer, $payload)
                """;
            command.Parameters.AddWithValue("$pid", metadata.PersistenceId);
            command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
            command.Parameters.AddWithValue("$ts", metadata.Timestamp.ToUniversalTime().Ticks);
            command.Parameters.AddWithValue("$manifest", manifest);
            command.Parameters.AddWithValue("$serializer", serializer.Identifier);
            command.Parameters.AddWithValue("$payload", payload);
            command.ExecuteNonQuery();
        }, cancellationToken);
        return dataKeys is null ? saved : RestoreIfNotSaved(saved, pending!, dataKeys);
    }

    /// <summary>Not saved: the data keys wait for the key's next write.</summary>
    private static async Task RestoreIfNotSaved(Task saved, PendingDataKeys pending, List<DataKeyRow> dataKeys)
    {
        try
        {
            await saved.ConfigureAwait(false);
        }
        catch
        {
            pending.Restore(dataKeys);
            throw;
        }
    }

    protected override Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken) =>
        InTransaction((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM snapshot WHERE persistence_id = $pid AND sequence_nr = $seq";
            command.Parameters.AddWithValue("$pid", metadata.PersistenceId);
            command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
            command.ExecuteNonQuery();
        }, cancellationToken);

    protected override Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken) =>
        InTransaction((connection, transaction) =>
        {
            using var command = Command(connection, transaction, """
                DELETE FROM snapshot WHERE persistence_id = $pid
                AND sequence_nr BETWEEN $min_seq AND $max_seq AND timestamp BETWEEN $min_ts AND $max_ts
                """, persistenceId, criteria);
            command.ExecuteNonQuery();
        }, cancellationToken);

    private Task InTransaction(Action<SqliteConnection, SqliteTransaction> action, CancellationToken cancellationToken) =>
        _threads.Run(() =>
        {
            using var connection = SqliteDatabase.OpenWriter(_settings);
            using var transaction = connection.BeginTransaction(deferred: false);
            action(connection, transaction);
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
        });

    protected override void PostStop()
    {
        _threads.Dispose();
        base.PostStop();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$min_seq", criteria.MinSequenceNr);
        command.Parameters.AddWithValue("$max_seq", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("$min_ts", criteria.MinTimestamp?.ToUniversalTime().Ticks ?? 0L);
        command.Parameters.AddWithValue("$max_ts", criteria.MaxTimeStamp.ToUniversalTime().Ticks);
        return command;
    }
}
