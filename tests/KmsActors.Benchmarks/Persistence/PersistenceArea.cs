using System.Runtime.CompilerServices;
using KmsActors.Benchmarks.Quick;

namespace KmsActors.Benchmarks.Persistence;

/// <summary>Quick mode area "persistence": persist.sqlite.actors1 and persist.sqlite.actors1000 (events/s).</summary>
public sealed class PersistenceArea : IQuickArea
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    public string Name => "persistence";

    public async IAsyncEnumerable<Measurement> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new Measurement("persist.sqlite.actors1", await SqlitePersistence.EventsPerSecond(1, Window, cancellationToken), "events/s");
        yield return new Measurement("persist.sqlite.actors1000", await SqlitePersistence.EventsPerSecond(1000, Window, cancellationToken), "events/s");
    }
}
