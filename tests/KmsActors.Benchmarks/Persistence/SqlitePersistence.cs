using System.Collections;
using System.Diagnostics;
using Akka.Actor;
using KmsActors.Benchmarks.Quick;
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
        var dataDir = Path.Combine(Path.GetTempPath(), "kms-bench-" + Guid.NewGuid().ToString("N"));
        var config = KmsConfiguration.Load($"kms.data-dir = \"{dataDir}\"\nakka.loglevel = WARNING", environment: new Hashtable());
        var system = ActorSystem.Create("bench", config);
        try
        {
            var counters = Enumerable.Range(0, actors).Select(i => system.ActorOf(PersistentCounter.Props(i.ToString()))).ToList();
            // Warm-up: schema creation, recovery of every actor, JIT.
            var warmup = new PersistRace(actors);
            warmup.Close();
            counters.ForEach(c => c.Tell(new PersistentCounter.Run(warmup)));
            await warmup.AllFinished.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);

            var race = new PersistRace(actors);
            var clock = Stopwatch.StartNew();
            counters.ForEach(c => c.Tell(new PersistentCounter.Run(race)));
            await Task.Delay(window, cancellationToken);
            race.Close();
            var events = race.Events;
            var elapsed = clock.Elapsed;
            await race.AllFinished.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            return events / elapsed.TotalSeconds;
        }
        finally
        {
            await system.Terminate();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }
}
