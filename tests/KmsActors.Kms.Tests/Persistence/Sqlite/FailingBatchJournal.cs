using Akka.Configuration;
using KmsActors.Kms.Persistence.Sqlite;

namespace KmsActors.Kms.Tests.Persistence.Sqlite;

/// <summary>
/// The SQLite journal with one disk failure in the middle of a batch, on demand: once <see cref="Arm"/>ed, the next group
/// commit holding the writes of at least that many actors fails, and so do the writer's retries of each of those writes
/// alone (the disk stays broken for that batch), so exactly that batch's callers fail. Uses the journal's test hook
/// (<see cref="SqliteJournal"/>.BeforeCommit); static because Akka creates the plugin; only <see cref="BatchFailureTests"/> uses it.
/// Kept rather than Akka.Persistence.TestKit's journal: what it tests is SqliteJournal's group commit (which callers a
/// failed transaction fails, and its retries), which only the SQLite journal has.
/// </summary>
public sealed class FailingBatchJournal(Config config) : SqliteJournal(config)
{
    private static readonly Lock Gate = new();
    private static int _armedForWrites;
    private static HashSet<string> _failedBatch = new(StringComparer.Ordinal);
    private static int _retriesToFail;

    /// <summary>The persistence ids whose writes were in the failed batch (empty until it failed).</summary>
    public static IReadOnlySet<string> FailedBatch
    {
        get
        {
            lock (Gate)
                return new HashSet<string>(_failedBatch, StringComparer.Ordinal);
        }
    }

    public static void Arm(int minWrites)
    {
        lock (Gate)
        {
            (_armedForWrites, _failedBatch, _retriesToFail) = (minWrites, new HashSet<string>(StringComparer.Ordinal), 0);
        }
    }

    protected override void BeforeCommit(IReadOnlyList<string> persistenceIds)
    {
        lock (Gate)
        {
            // An actor has one write in flight at most, so a batch holds one write per persistence id.
            if (_retriesToFail > 0 && persistenceIds.Count == 1 && _failedBatch.Contains(persistenceIds[0]))
            {
                _retriesToFail--;
                throw new IOException($"Simulated disk failure retrying {persistenceIds[0]} alone.");
            }
            if (_armedForWrites == 0 || persistenceIds.Count < _armedForWrites)
                return;
            _armedForWrites = 0;
            _failedBatch = new HashSet<string>(persistenceIds, StringComparer.Ordinal);
            _retriesToFail = persistenceIds.Count;
            throw new IOException($"Simulated disk failure committing a batch of {persistenceIds.Count} writes.");
        }
    }
}
