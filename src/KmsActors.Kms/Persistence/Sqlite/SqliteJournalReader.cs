using Akka.Actor;
using Akka.Persistence;
using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>Replays and reads highest sequence numbers on pooled read connections, beside the writer (WAL readers never block it).</summary>
internal sealed class SqliteJournalReader(SqliteJournalSettings settings, Akka.Serialization.Serialization serialization)
{
    public void Replay(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        if (max <= 0 || toSequenceNr < fromSequenceNr)
            return;
        using var connection = SqliteDatabase.OpenReader(settings);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sequence_nr, manifest, serializer_id, payload, event_manifest, writer_uuid, timestamp
            FROM journal WHERE persistence_id = $pid AND sequence_nr BETWEEN $from AND $to
            ORDER BY sequence_nr LIMIT $max
            """;
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var payload = serialization.Deserialize((byte[])reader.GetValue(3), reader.GetInt32(2), reader.GetString(1));
            recoveryCallback(new Persistent(
                payload,
                sequenceNr: reader.GetInt64(0),
                persistenceId: persistenceId,
                manifest: reader.GetString(4),
                isDeleted: false,
                sender: ActorRefs.NoSender,
                writerGuid: reader.GetString(5),
                timestamp: reader.GetInt64(6)));
        }
    }

    /// <summary>The highest sequence number ever written, also when the newest events were deleted since.</summary>
    public long HighestSequenceNr(string persistenceId)
    {
        using var connection = SqliteDatabase.OpenReader(settings);
        return HighestSequenceNr(connection, null, persistenceId);
    }

    public static long HighestSequenceNr(SqliteConnection connection, SqliteTransaction? transaction, string persistenceId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT MAX(n) FROM (
                SELECT MAX(sequence_nr) AS n FROM journal WHERE persistence_id = $pid
                UNION ALL
                SELECT sequence_nr FROM journal_metadata WHERE persistence_id = $pid)
            """;
        command.Parameters.AddWithValue("$pid", persistenceId);
        return command.ExecuteScalar() is long n ? n : 0L;
    }
}
