using Akka.Actor;
using Akka.Persistence;
using KmsActors.Kms.Persistence;

namespace KmsActors.Benchmarks.Persistence;

/// <summary>A persistent actor with a long history: fills its journal in PersistAll chunks, reports when recovery completes.</summary>
public sealed class ReplayedKey : ReceivePersistentActor
{
    public sealed record Fill(long Events, TaskCompletionSource Done);

    /// <summary>About 100 bytes as JSON, like a small key event.</summary>
    [PersistedAs("BenchmarkFilled")]
    public sealed record Filled(long N, string Text) : IKmsPersistentMessage;

    private const int Chunk = 1000;
    private static readonly string Text = new('x', 72);
    private long _recovered;

    public ReplayedKey(string persistenceId, TaskCompletionSource<long> recovered)
    {
        PersistenceId = persistenceId;
        Recover<Filled>(_ => _recovered++);
        Recover<RecoveryCompleted>(_ => recovered.TrySetResult(_recovered));
        Command<Fill>(fill => FillFrom(LastSequenceNr, fill));
    }

    public override string PersistenceId { get; }

    private void FillFrom(long written, Fill fill)
    {
        var count = (int)Math.Min(Chunk, fill.Events - written);
        if (count <= 0)
        {
            fill.Done.TrySetResult();
            return;
        }
        var events = Enumerable.Range(1, count).Select(i => new Filled(written + i, Text));
        var last = written + count;
        PersistAll(events, e =>
        {
            if (e.N == last)
                FillFrom(last, fill);
        });
    }

    public static Props Props(string persistenceId, TaskCompletionSource<long> recovered) =>
        Akka.Actor.Props.Create(() => new ReplayedKey(persistenceId, recovered));
}
