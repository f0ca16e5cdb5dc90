using System.Runtime.CompilerServices;
using KmsActors.Benchmarks.Quick;

namespace KmsActors.Benchmarks.Persistence;

/// <summary>
/// Quick mode area "persistence": persist.sqlite.actors1, persist.sqlite.actors1000, persist.postgres.actors1000
/// (events/s, one event in flight per actor, durable settings as shipped) and replay.sqlite (events/s recovering
/// 1,000,000 events of about 100 bytes in one actor).
/// </summary>
public sealed class PersistenceArea : IQuickArea
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private const long ReplayEvents = 1_000_000;

    public string Name => "persistence";

    public async IAsyncEnumerable<Measurement> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new Measurement("persist.sqlite.actors1", await SqlitePersistence.EventsPerSecond(1, Window, cancellationToken), "events/s");
        yield return new Measurement("persist.sqlite.actors1000", await SqlitePersistence.EventsPerSecond(1000, Window, cancellationToken), "events/s");
        var (postgres, reason) = await PostgresPersistence.EventsPerSecond(1000, Window, cancellationToken);
        if (postgres is { } value)
            yield return new Measurement("persist.postgres.actors1000", value, "events/s");
        else
            await System.Console.Error.WriteLineAsync($"persist.postgres.actors1000 skipped: {reason}");
        yield return new Measurement("replay.sqlite", await SqliteReplay.EventsPerSecond(ReplayEvents, cancellationToken), "events/s");
    }
}
