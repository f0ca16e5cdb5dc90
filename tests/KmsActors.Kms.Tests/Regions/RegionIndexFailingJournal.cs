using Akka.Configuration;
using KmsActors.Kms.Persistence.Sqlite;

namespace KmsActors.Kms.Tests.Regions;

/// <summary>The SQLite journal with every write of a region's index failing, as a full disk would fail it.</summary>
public sealed class RegionIndexFailingJournal(Config config) : SqliteJournal(config)
{
    protected override void BeforeCommit(IReadOnlyList<string> persistenceIds)
    {
        if (persistenceIds.Any(id => id.StartsWith("region-", StringComparison.Ordinal)))
            throw new IOException("Simulated disk failure writing the region index.");
    }
}
