using Akka.Actor;
using Akka.Persistence;
using KmsActors.Kms.Persistence;

namespace KmsActors.Benchmarks.Persistence;

/// <summary>Persists one event at a time, as a key actor does (each event acknowledged before the next).</summary>
public sealed class PersistentCounter : ReceivePersistentActor
{
    public sealed record Run(PersistRace Race);

    [PersistedAs("BenchmarkCounted")]
    public sealed record Counted(long N) : IKmsPersistentMessage;

    private long _n;

    public PersistentCounter(string id)
    {
        PersistenceId = "bench-" + id;
        Recover<Counted>(e => _n = e.N);
        Command<Run>(run => PersistNext(run.Race));
    }

    public override string PersistenceId { get; }

    private void PersistNext(PersistRace race) => Persist(new Counted(_n + 1), e =>
    {
        _n = e.N;
        if (race.Count())
            PersistNext(race);
        else
            race.Finished();
    });

    public static Props Props(string id) => Akka.Actor.Props.Create(() => new PersistentCounter(id));
}
