using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Persistence;
using KmsActors.Kms.Persistence.Sqlite;

namespace KmsActors.Kms.Tests.Persistence.Sqlite;

/// <summary>
/// The SQLite journal with a failing disk on demand: commits wait at <see cref="Gate"/> (so that the writes sent
/// meanwhile pile up into one group) and fail when <see cref="ShouldFail"/> says so. Static because Akka creates
/// the plugin; only <see cref="SqliteJournalFailureTests"/> uses it, and its tests run one at a time. Kept rather than
/// Akka.Persistence.TestKit's journal: it tests SqliteJournal's own batching (the writes piled into one commit).
/// </summary>
public sealed class FailingCommitJournal(Config config) : SqliteJournal(config)
{
    public static readonly ManualResetEventSlim Gate = new(true);
    public static volatile Func<IReadOnlyList<string>, bool> ShouldFail = _ => false;
    private static int _calls;

    /// <summary>WriteMessagesAsync calls so far: each has queued its rows by the time it returns.</summary>
    public static int Calls => Volatile.Read(ref _calls);

    public static void Reset()
    {
        Gate.Set();
        ShouldFail = _ => false;
        Interlocked.Exchange(ref _calls, 0);
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var written = base.WriteMessagesAsync(messages, cancellationToken);
        Interlocked.Increment(ref _calls);
        return written;
    }

    protected override void BeforeCommit(IReadOnlyList<string> persistenceIds)
    {
        Gate.Wait(TimeSpan.FromSeconds(30));
        if (ShouldFail(persistenceIds))
            throw new IOException($"Simulated disk failure committing {string.Join(", ", persistenceIds)}.");
    }
}
