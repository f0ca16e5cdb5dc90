using KmsActors.Kms.Model;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>The outcome of a run: the run phase's statistics and everything the summary and the JSON report show.</summary>
public sealed record SimulationResult
{
    public required Scenario Scenario { get; init; }
    public required StatsBoard Setup { get; init; }
    public required StatsBoard Run { get; init; }
    public required TimeSpan SetupTime { get; init; }
    /// <summary>Wall-clock length of the run phase.</summary>
    public required TimeSpan RunTime { get; init; }
    /// <summary>Virtual time that passed in the run phase (virtual-time runs).</summary>
    public TimeSpan? VirtualElapsed { get; init; }
    public required int KeysCreated { get; init; }
    public required int KeysImported { get; init; }
    public required IReadOnlyDictionary<KeyState, int> KeysByState { get; init; }
    public required double PeakWorkingSetMb { get; init; }
    public required double WorkingSetAfterRunMb { get; init; }
    /// <summary>Peaks of the GC's committed memory and of its heap size (sampled, see <see cref="MemoryWatch"/>).</summary>
    public double PeakGcCommittedMb { get; init; }
    public double PeakGcHeapMb { get; init; }
    /// <summary>Garbage collections and their pauses during the run phase.</summary>
    public GcActivity GcInRun { get; init; }
    /// <summary>Live managed heap after the run and a full collection: what the engine really holds.</summary>
    public required double ManagedHeapAfterRunMb { get; init; }
    public required string LoadAverageBefore { get; init; }
    public required string LoadAverageAfter { get; init; }
    /// <summary>Keys found by paging ListKeys after the run, and after a restart of the actor system (durable journal).</summary>
    public int? ListedKeys { get; init; }
    public TimeSpan? ListingTime { get; init; }
    public int? ListedKeysAfterRestart { get; init; }
    /// <summary>From starting the new actor system to the first ListKeys page: the region's recovery.</summary>
    public TimeSpan? RestartFirstPageTime { get; init; }
    /// <summary>From starting the new actor system to the last ListKeys page.</summary>
    public TimeSpan? RestartListingTime { get; init; }
    /// <summary>Size of the SQLite journal file(s) after the run (sqlite runs).</summary>
    public double? DatabaseMb { get; init; }
    /// <summary>The audit trace as CloudTrail JSON lines, ordered by event time then content (when recorded).</summary>
    public IReadOnlyList<string> AuditTrace { get; init; } = [];

    public double OpsPerSecond => RunTime.TotalSeconds > 0 ? Run.Total / RunTime.TotalSeconds : 0;
}
