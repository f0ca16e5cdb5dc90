using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>
/// Akka.Persistence journal on a SQLite file with group commit (see <see cref="SqliteGroupWriter"/>): the writes
/// of many persistent actors share one fsync'd transaction. Semantics are Akka's: an AtomicWrite is stored
/// entirely or not at all; a write whose payload cannot be serialized is rejected alone (the actor keeps
/// running); a failed transaction fails its callers' writes; the highest sequence number never goes down,
/// also after deletes; replay is in sequence order. Configured as kms.persistence.sqlite-journal.
/// </summary>
public class SqliteJournal : AsyncWriteJournal
{
    private readonly SqliteJournalSettings _settings;
    private readonly Akka.Serialization.Serialization _serialization;
    private readonly SqliteGroupWriter _writer;
    private readonly SqliteJournalReader _reader;
    /// <summary>This engine's pending data keys (per actor system: two engines never share them).</summary>
    private readonly PendingDataKeysRegistry _pendingDataKeys;
    private readonly Services.DedicatedThreads _readers;

    public SqliteJournal(Config config)
    {
        _settings = SqliteJournalSettings.From(config);
        _pendingDataKeys = PendingDataKeysRegistry.Get(Context.System);
        _serialization = Context.System.Serialization;
        if (_settings.AutoInitialize)
            SqliteDatabase.CreateSchema(_settings);
        _writer = new SqliteGroupWriter(_settings, BeforeCommit);
        _reader = new SqliteJournalReader(_settings, _serialization);
        _readers = new Services.DedicatedThreads("kms-sqlite-journal-reader", _settings.ReaderThreads);
    }

    /// <summary>
    /// Runs on the writer thread just before a transaction commits, with the persistence ids it holds. A test hook:
    /// a subclass that throws here simulates a failing commit (disk full, I/O error) of this journal's group commit, which
    /// Akka.Persistence.TestKit's in-memory journal cannot stand in for (tests/…/Persistence/Sqlite/BatchFailureTests).
    /// </summary>
    protected virtual void BeforeCommit(IReadOnlyList<string> persistenceIds)
    {
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var rows = new List<JournalRow>();
        List<Exception?>? rejections = null;
        var index = 0;
        // Timestamps come from the actor system's clock, so virtual-time tests see virtual timestamps.
        var timestamp = Services.EngineClock.Now(Context.System.Scheduler).UtcTicks;
        foreach (var write in messages)
        {
            var before = rows.Count;
            try
            {
                foreach (var representation in (IImmutableList<IPersistentRepresentation>)write.Payload)
                    rows.Add(ToRow(representation, timestamp));
            }
            catch (Exception error)
            {
                // A rejected AtomicWrite is not stored at all, the others of the call are.
                rows.RemoveRange(before, rows.Count - before);
                rejections ??= Enumerable.Repeat<Exception?>(null, index).ToList();
                rejections.Add(error);
                index++;
                continue;
            }
            rejections?.Add(null);
            index++;
        }
        // The data keys these events seal material under go in the same transaction (see PendingDataKeys).
        List<DataKeyRow>? dataKeys = null;
        var pending = _pendingDataKeys.Find(_settings.ConnectionString);
        if (pending is not null)
        {
            foreach (var persistenceId in rows.Select(r => r.PersistenceId).Distinct())
            {
                if (pending.Take(persistenceId) is { } taken)
                    (dataKeys ??= []).AddRange(taken);
            }
        }
        var committed = rows.Count == 0 ? Task.CompletedTask : _writer.Write(rows, dataKeys, pending);
        return Written(committed, rejections?.ToImmutableList());
    }

    /// <summary>Completes once the writer thread committed the rows (nothing waits on a thread meanwhile); a failed commit
    /// fails the whole call. Akka: null means every write succeeded.</summary>
    private static async Task<IImmutableList<Exception>> Written(Task committed, IImmutableList<Exception?>? rejections)
    {
        await committed.ConfigureAwait(false);
        return rejections!;
    }

    private JournalRow ToRow(IPersistentRepresentation representation, long timestamp)
    {
        var payload = representation.Payload;
        string? tags = null;
        if (payload is Tagged tagged)
        {
            payload = tagged.Payload;
            tags = tagged.Tags.Count == 0 ? null : string.Join(';', tagged.Tags);
        }
        var serializer = _serialization.FindSerializerFor(payload);
        return new JournalRow(
            representation.PersistenceId,
            representation.SequenceNr,
            Akka.Serialization.Serialization.ManifestFor(serializer, payload),
            serializer.Identifier,
            serializer.ToBinary(payload),
            representation.Manifest ?? "",
            representation.WriterGuid ?? "",
            tags,
            representation.Timestamp != 0 ? representation.Timestamp : timestamp);
    }

    public override Task ReplayMessagesAsync(Akka.Actor.IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback) =>
        _readers.Run(() => _reader.Replay(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback));

    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken) =>
        _readers.Run(() => _reader.HighestSequenceNr(persistenceId));

    /// <summary>Deletes through the writer, in order with the writes; keeps the highest sequence number in journal_metadata.</summary>
    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
        _writer.Run((connection, transaction) =>
        {
            var highest = SqliteJournalReader.HighestSequenceNr(connection, transaction, persistenceId);
            Execute(connection, transaction, """
                INSERT INTO journal_metadata (persistence_id, sequence_nr) VALUES ($pid, $highest)
                ON CONFLICT (persistence_id) DO UPDATE SET sequence_nr = MAX(sequence_nr, excluded.sequence_nr)
                """, persistenceId, "$highest", highest);
            Execute(connection, transaction, "DELETE FROM journal WHERE persistence_id = $pid AND sequence_nr <= $to", persistenceId, "$to", toSequenceNr);
        });

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, string persistenceId, string name, long number)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue(name, number);
        command.ExecuteNonQuery();
    }

    protected override void PostStop()
    {
        _writer.Dispose();
        _readers.Dispose();
        base.PostStop();
    }
}
