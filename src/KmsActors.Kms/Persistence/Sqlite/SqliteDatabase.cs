using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>Opens connections to the journal file with the durability the settings ask for, and creates the schema.</summary>
internal static class SqliteDatabase
{
    // WITHOUT ROWID clusters rows by (persistence_id, sequence_nr), so a replay is one range scan of the table.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS journal (
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            serializer_id INTEGER NOT NULL,
            payload BLOB NOT NULL,
            event_manifest TEXT NOT NULL,
            writer_uuid TEXT NOT NULL,
            tags TEXT NULL,
            timestamp INTEGER NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr)
        ) WITHOUT ROWID;
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
            payload BLOB NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr)
        ) WITHOUT ROWID;
        """;

    /// <summary>A connection that writes: WAL mode and the configured synchronous level (both per connection in SQLite).</summary>
    public static SqliteConnection OpenWriter(SqliteJournalSettings settings)
    {
        var connection = new SqliteConnection(settings.ConnectionString);
        connection.Open();
        Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={settings.Synchronous};");
        return connection;
    }

    /// <summary>A pooled connection for reads; WAL lets it read while the writer commits.</summary>
    public static SqliteConnection OpenReader(SqliteJournalSettings settings)
    {
        var connection = new SqliteConnection(settings.ConnectionString);
        connection.Open();
        return connection;
    }

    public static void CreateSchema(SqliteJournalSettings settings)
    {
        var builder = new SqliteConnectionStringBuilder(settings.ConnectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        using var connection = OpenWriter(settings);
        Execute(connection, Schema);
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
