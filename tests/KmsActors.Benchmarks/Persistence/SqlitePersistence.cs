using System.Collections;
using KmsActors.Kms.Configuration;

namespace KmsActors.Benchmarks.Persistence;

/// <summary>
/// Events/s of persistent actors on the SQLite journal with the settings the engine ships with (hocon/sqlite.conf):
/// each actor keeps one event in flight, as a key actor does.
/// </summary>
public static class SqlitePersistence
{
    public static async Task<double> EventsPerSecond(int actors, TimeSpan window, CancellationToken cancellationToken)
    {
        var dataDir = NewDataDir();
        try
        {
            return await JournalPersistence.EventsPerSecond(Config(dataDir), actors, window, cancellationToken);
        }
        finally
        {
            Delete(dataDir);
        }
    }

    public static string NewDataDir() => Path.Combine(Path.GetTempPath(), "kms-bench-" + Guid.NewGuid().ToString("N"));

    public static Akka.Configuration.Config Config(string dataDir) =>
        KmsConfiguration.Load($"kms.data-dir = \"{dataDir}\"\nakka.loglevel = WARNING", environment: new Hashtable());

    public static void Delete(string dataDir)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
    }
}
