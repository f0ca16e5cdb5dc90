using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>
/// Data keys in table material_data_key of the journal's SQLite file. Deleting one must leave none of its bytes in
/// the database files: the connection runs with secure_delete (freed cells and pages are overwritten with zeros), and
/// after a delete a TRUNCATE checkpoint copies the zeroed pages into the database file and cuts the WAL, whose older
/// frames still held the row, to zero bytes.
/// </summary>
internal sealed class SqliteMaterialDataKeyStore : IMaterialDataKeyStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS material_data_key (
            data_key_id TEXT NOT NULL PRIMARY KEY,
            key_arn TEXT NOT NULL,
            key_material_id TEXT NOT NULL,
            sealed_key BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS material_data_key_key_arn ON material_data_key (key_arn);
        """;

    private readonly object _gate = new();
    private readonly SqliteConnection _connection;
    /// <summary>Set when the journal writes to the same file: inserts wait there for the key's next journal or
    /// snapshot write, which commits them in its own transaction.</summary>
    private readonly PendingDataKeys? _pending;

    /// <param name="pending">
    /// The engine's pending data keys of this file when its journal writes to the same file: an insert is handed to
    /// them and written in the transaction of the journal write (or snapshot) that uses the key.
    /// null when events go elsewhere: every insert is committed and fsync'd before it returns.
    /// </param>
    public SqliteMaterialDataKeyStore(string connectionString, PendingDataKeys? pending)
    {
        var syncEachInsert = pending is null;
        _pending = pending;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        SqliteDatabase.Execute(_connection, $"""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous={(syncEachInsert ? "FULL" : "NORMAL")};
            PRAGMA secure_delete=ON;
            PRAGMA busy_timeout=30000;
            """);
        using var transaction = _connection.BeginTransaction(deferred: false);
        SqliteDatabase.Execute(_connection, Schema, transaction);
        transaction.Commit();
    }

    public bool InMemory => false;

    public bool InsertsInMemory => _pending is not null;

    public void Insert(string dataKeyId, string keyArn, string keyMaterialId, byte[] sealedKey)
    {
        if (_pending is not null)
        {
            _pending.Add(new DataKeyRow(dataKeyId, keyArn, keyMaterialId, sealedKey));
            return;
        }
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO material_data_key (data_key_id, key_arn, key_material_id, sealed_key) VALUES ($id, $arn, $material, $key)";
            command.Parameters.AddWithValue("$id", dataKeyId);
            command.Parameters.AddWithValue("$arn", keyArn);
            command.Parameters.AddWithValue("$material", keyMaterialId);
            command.Parameters.AddWithValue("$key", sealedKey);
            command.ExecuteNonQuery();
        }
    }

    public byte[]? Find(string dataKeyId)
    {
        if (_pending?.FindRow(dataKeyId) is { } row)
            return row.SealedKey;
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT sealed_key FROM material_data_key WHERE data_key_id = $id";
            command.Parameters.AddWithValue("$id", dataKeyId);
            return command.ExecuteScalar() as byte[];
        }
    }

    public bool Delete(string dataKeyId) => (_pending?.Remove(dataKeyId) ?? false) | DeleteWhere("data_key_id = $value", dataKeyId) > 0;

    public int DeleteAll(string keyArn) => (_pending?.RemoveAll(keyArn) ?? 0) + DeleteWhere("key_arn = $value", keyArn);

    private int DeleteWhere(string condition, string value)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM material_data_key WHERE {condition}";
            command.Parameters.AddWithValue("$value", value);
            // Replays delete again what is long gone: only a real delete pays for the write and the checkpoint.
            if ((long)command.ExecuteScalar()! == 0)
                return 0;
            command.CommandText = $"DELETE FROM material_data_key WHERE {condition}";
            var deleted = command.ExecuteNonQuery();
            Checkpoint();
            return deleted;
        }
    }

    /// <summary>
    /// Copies every WAL frame into the database file and truncates the WAL. TRUNCATE waits (busy_timeout) for readers
    /// still on an older snapshot and for a writer in the middle of a commit; it reports 1 in its first column if it
    /// could not finish, and then the next attempt does.
    /// </summary>
    private void Checkpoint()
    {
        for (var attempt = 1; ; attempt++)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            using var reader = command.ExecuteReader();
            if (!reader.Read() || reader.GetInt64(0) == 0)
                return;
            if (attempt == 10)
                throw new InvalidOperationException("The SQLite WAL could not be checkpointed after deleting a material data key: readers kept it busy. Its frames go at the next checkpoint.");
        }
    }

    public void Dispose()
    {
        lock (_gate)
            _connection.Dispose();
    }
}
