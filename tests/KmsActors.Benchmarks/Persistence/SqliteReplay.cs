using System.Diagnostics;
using Akka.Actor;

namespace KmsActors.Benchmarks.Persistence;

/// <summary>Events/s of one persistent actor recovering a long history from the SQLite journal (a fresh actor system, cold caches aside).</summary>
public static class SqliteReplay
{
    public static async Task<double> EventsPerSecond(long events, CancellationToken cancellationToken)
    {
        var dataDir = SqlitePersistence.NewDataDir();
        try
        {
            var writer = ActorSystem.Create("fill", SqlitePersistence.Config(dataDir));
            try
            {
                var filled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                writer.ActorOf(ReplayedKey.Props("replayed", new TaskCompletionSource<long>())).Tell(new ReplayedKey.Fill(events, filled));
                await filled.Task.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
            }
            finally
            {
                await writer.Terminate();
            }

            var reader = ActorSystem.Create("replay", SqlitePersistence.Config(dataDir));
            try
            {
                var recovered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                var clock = Stopwatch.StartNew();
                reader.ActorOf(ReplayedKey.Props("replayed", recovered));
                var count = await recovered.Task.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
                if (count != events)
                    throw new InvalidOperationException($"Recovered {count} events, wrote {events}.");
                return count / clock.Elapsed.TotalSeconds;
            }
            finally
            {
                await reader.Terminate();
            }
        }
        finally
        {
            SqlitePersistence.Delete(dataDir);
        }
    }
}
