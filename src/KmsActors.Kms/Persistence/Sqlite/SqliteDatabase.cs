using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>Opens connections to the journal file with the durability the settings ask for, and creates the schema.</summary>
internal static class SqliteDatabase
{
    // Rows are appended in commit order (ordering is the rowid) and found through the (persistence_id,
    // sequence_nr) index. Clustering the table by persistence id instead (WITHOUT ROWID) measured 5x slower
    // with 1,000 actors writing: every commit then dirties a page per actor, full rows instead of index entries.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS journal (
            ordering INTEGER PRIMARY KEY,
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            serializer_id INTEGER NOT NULL,
            payload BLOB NOT NULL,
            event_manifest TEXT NOT NULL,
            writer_uuid TEXT NOT NULL,
            tags TEXT NULL,
            timestamp INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS journal_persistence_id_sequence_nr ON journal (persistence_id, sequence_nr);
        -- The highest sequence number of a persistence id whose newest events were deleted: it must never go down.
        CREATE TABLE IF NOT EXISTS journal_metadata (
            persistence_id TEXT NOT NULL PRIMARY KEY,
            sequence_nr INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS snapshot (
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            serializer_id INTEGER NOT NULL,
            payload BLOB NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS snapshot_persistence_id_sequence_nr ON snapshot (persistence_id, sequence_nr);
        """;

    // Snapshots were first kept WITHOUT ROWID, the payload inside the primary-key b-tree. SQLite compares a search
    // key with a whole record, so a lookup that lands next to a large snapshot (a region index of 100,000 keys is
    // ~10 MB) read all its overflow pages: every new key's snapshot lookup took ~20 ms. Now the index holds only the
    // key columns; an old file is converted once, in the schema transaction.
    private const string SnapshotWithoutRowidMigration = """
        ALTER TABLE snapshot RENAME TO snapshot_without_rowid;
        CREATE TABLE snapshot (
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            serializer_id INTEGER NOT NULL,
            payload BLOB NOT NULL
        );
        INSERT INTO snapshot (persistence_id, sequence_nr, timestamp, manifest, serializer_id, payload)
            SELECT persistence_id, sequence_nr, timestamp, manifest, serializer_id, payload FROM snapshot_without_rowid;
        DROP TABLE snapshot_without_rowid;
        """;

    /// <summary>
    /// A connection that writes: WAL mode, the configured synchronous level and checkpoint interval (all per
    /// connection in SQLite). Rare, large checkpoints measured 2x the commits/s of SQLite's default (1,000 pages):
    /// the index pages that every commit touches are copied to the database once per checkpoint, not per commit.
    /// A 64 MB page cache (a limit, not an allocation) keeps the index of a large journal in memory.
    /// </summary>
    public static SqliteConnection OpenWriter(SqliteJournalSettings settings)
    {
        var connection = new SqliteConnection(settings.ConnectionString);
        connection.Open();
        Execute(connection, $"""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous={settings.Synchronous};
            PRAGMA wal_autocheckpoint={settings.WalAutocheckpointPages};
            PRAGMA cache_size=-65536;
            """);
        return connection;
    }

    /// <summary>A pooled connection for reads; WAL lets it read while the writer commits.</summary>
    public static SqliteConnection OpenReader(SqliteJournalSettings settings)
    {
        var connection = new SqliteConnection(settings.ConnectionString);
        connection.Open();
        return connection;
    }

    // The journal and the snapshot store start together and create the same schema: one at a time, or the
    // second meets a locked database while the first holds the write lock.
    private static readonly object SchemaLock = new();

    public static void CreateSchema(SqliteJournalSettings settings)
    {
        lock (SchemaLock)
            CreateSchemaAlone(settings);
    }

    private static void CreateSchemaAlone(SqliteJournalSettings settings)
    {
        var builder = new SqliteConnectionStringBuilder(settings.ConnectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        using var connection = OpenWriter(settings);
        using var transaction = connection.BeginTransaction(deferred: false);
        if (SnapshotTableIsWithoutRowid(connection, transaction))
            Execute(connection, SnapshotWithoutRowidMigration, transaction);
        Execute(connection, Schema, transaction);
        transaction.Commit();
    }

    private static bool SnapshotTableIsWithoutRowid(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'snapshot'";
        return command.ExecuteScalar() is string sql && sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase);
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
