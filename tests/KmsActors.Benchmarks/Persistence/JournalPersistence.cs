using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;

namespace KmsActors.Benchmarks.Persistence;

/// <summary>Events/s of persistent actors on whatever journal <paramref name="config"/> selects; each actor keeps one event in flight, as a key actor does.</summary>
public static class JournalPersistence
{
    public static async Task<double> EventsPerSecond(Config config, int actors, TimeSpan window, CancellationToken cancellationToken)
    {
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
        }
    }
}
