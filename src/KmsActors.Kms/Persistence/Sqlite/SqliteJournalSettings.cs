using Akka.Configuration;

namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>Settings of <see cref="SqliteJournal"/> and <see cref="SqliteSnapshotStore"/>, read from their plugin sections.</summary>
public sealed record SqliteJournalSettings(string ConnectionString, string Synchronous, int MaxBatchSize, int WalAutocheckpointPages, bool AutoInitialize)
{
    /// <summary>reader-threads: threads of the plugin's own that run its reads (replays, snapshot loads and saves), off
    /// the thread pool Akka's dispatcher runs actors on (docs/persistence.md, "Nothing blocks an actor").</summary>
    public int ReaderThreads { get; init; } = 2;

    public static SqliteJournalSettings From(Config config)
    {
        var connection = config.GetString("connection-string", "");
        if (string.IsNullOrWhiteSpace(connection))
            throw new ConfigurationException("The SQLite journal needs connection-string (KmsConfiguration.Load fills it from kms.data-dir).");
        var synchronous = config.GetString("synchronous", "full").ToUpperInvariant();
        // FULL fsyncs every commit (survives power loss); NORMAL in WAL mode survives a process kill but may lose
        // the last commits on power loss. OFF is refused: it can corrupt the file on power loss.
        if (synchronous is not ("FULL" or "NORMAL" or "EXTRA"))
            throw new ConfigurationException($"synchronous = {synchronous}: expected full, normal or extra.");
        var maxBatch = config.GetInt("max-batch-size", 10_000);
        if (maxBatch < 1)
            throw new ConfigurationException($"max-batch-size = {maxBatch}: expected at least 1.");
        var checkpoint = config.GetInt("wal-autocheckpoint-pages", 10_000);
        var readers = config.GetInt("reader-threads", 2);
        if (readers < 1)
            throw new ConfigurationException($"reader-threads = {readers}: expected at least 1.");
        return new SqliteJournalSettings(connection, synchronous, maxBatch, checkpoint, config.GetBoolean("auto-initialize", true)) { ReaderThreads = readers };
    }
}
