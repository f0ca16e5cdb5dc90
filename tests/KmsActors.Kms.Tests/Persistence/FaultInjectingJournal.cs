using Akka.Actor;
using Akka.Persistence.TestKit;

namespace KmsActors.Kms.Tests.Persistence;

/// <summary>
/// Akka.Persistence.TestKit's <see cref="TestJournal"/> in the place of the engine's in-memory journal, for tests of how
/// key and region actors behave when a write fails (the journal's store broke: the actor stops) or is rejected (the
/// event was refused: the actor goes on). The engine picks its journal through kms.journal.provider; the inmem profile
/// names Akka's in-memory plugin (akka.persistence.journal.inmem), and TestJournal is that same MemoryJournal with
/// interceptors, so swapping the plugin's class keeps everything else (data keys in memory, snapshots) as in the
/// testkit profile. A failure of the SQLite journal's own group commit is not this: see Sqlite/FailingBatchJournal.
/// </summary>
public static class FaultInjectingJournal
{
    /// <summary>HOCON for a test's actor system (over the testkit profile, whose provider is inmem).</summary>
    public const string Hocon = """
        kms.journal.provider = inmem
        akka.persistence.journal.inmem.class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
        """;

    /// <summary>The journal of <paramref name="system"/>, to set with <c>OnWrite</c> / <c>OnRecovery</c>.</summary>
    public static ITestJournal Of(ActorSystem system) =>
        TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null));

    /// <summary>True for a key actor's event (persistence id <c>key-&lt;arn&gt;</c>).</summary>
    public static bool IsKeyEvent(Akka.Persistence.IPersistentRepresentation write) =>
        write.PersistenceId.StartsWith("key-", StringComparison.Ordinal);

    /// <summary>True for a region actor's event (its key index and aliases, persistence id <c>region-…</c>).</summary>
    public static bool IsRegionEvent(Akka.Persistence.IPersistentRepresentation write) =>
        write.PersistenceId.StartsWith("region-", StringComparison.Ordinal);

    /// <summary>A predicate true for the first write it sees that <paramref name="matches"/>, then never again.</summary>
    public static Func<Akka.Persistence.IPersistentRepresentation, bool> Once(Func<Akka.Persistence.IPersistentRepresentation, bool> matches)
    {
        var spent = 0;
        return write => matches(write) && Interlocked.Exchange(ref spent, 1) == 0;
    }
}
