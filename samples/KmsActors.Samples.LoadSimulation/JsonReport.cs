using System.Text.Json;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>The --json summary: totals, percentiles, peak working set, errors by AWS code, and the same per operation.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Render(SimulationResult result)
    {
        var all = LatencyBands.Combined(result.Run);
        var s = result.Scenario;
        var summary = new Dictionary<string, object?>
        {
            ["scenario"] = new Dictionary<string, object?>
            {
                ["keys"] = s.Keys, ["clients"] = s.Clients, ["durationSeconds"] = s.Duration.TotalSeconds, ["operations"] = s.OperationCount,
                ["seed"] = s.Seed, ["journal"] = s.Journal, ["virtualTime"] = s.VirtualTime, ["realism"] = s.Realism, ["policies"] = s.Policies,
                // The worker-thread cap of a real-time run (null: none, or virtual time, which runs no cap).
                ["threads"] = s.Threads > 0 && !s.VirtualTime ? s.Threads : null, ["externalShare"] = s.ExternalShare, ["byokRatePerSecond"] = s.ByokRate.PerSecond,
                ["keyMix"] = s.KeyMix.ToDictionary(m => m.Key.ToString(), m => m.Value),
                ["operationMix"] = s.OperationMix.ToDictionary(m => m.Key.ToString(), m => m.Value),
            },
            ["machine"] = new Dictionary<string, object?>
            {
                ["processors"] = Environment.ProcessorCount, ["loadAverageBefore"] = result.LoadAverageBefore, ["loadAverageAfter"] = result.LoadAverageAfter,
            },
            ["setupSeconds"] = Round(result.SetupTime.TotalSeconds),
            ["keysCreated"] = result.KeysCreated,
            ["keysImported"] = result.KeysImported,
            ["runSeconds"] = Round(result.RunTime.TotalSeconds),
            ["virtualSeconds"] = result.VirtualElapsed?.TotalSeconds,
            ["totalOperations"] = result.Run.Total,
            ["opsPerSecond"] = Round(result.OpsPerSecond),
            ["p50Ms"] = all.PercentileMs(50), ["p90Ms"] = all.PercentileMs(90), ["p99Ms"] = all.PercentileMs(99),
            ["p999Ms"] = all.PercentileMs(99.9), ["maxMs"] = all.MaxMs,
            ["peakWorkingSetMb"] = Round(result.PeakWorkingSetMb),
            ["workingSetAfterRunMb"] = Round(result.WorkingSetAfterRunMb),
            ["peakGcCommittedMb"] = Round(result.PeakGcCommittedMb),
            ["peakGcHeapMb"] = Round(result.PeakGcHeapMb),
            ["gc"] = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation",
            ["gcInRun"] = new Dictionary<string, object?>
            {
                ["gen0"] = result.GcInRun.Gen0, ["gen1"] = result.GcInRun.Gen1, ["gen2"] = result.GcInRun.Gen2,
                ["pauseMs"] = Round(result.GcInRun.Pause.TotalMilliseconds),
                ["pausePercent"] = result.RunTime.TotalSeconds > 0 ? Round(100 * result.GcInRun.Pause / result.RunTime) : null,
                ["allocatedBytesPerOp"] = result.Run.Total > 0 ? Round((double)result.GcInRun.Allocated / result.Run.Total) : null,
                ["cpuUsPerOp"] = result.Run.Total > 0 ? Round(result.GcInRun.Cpu.TotalMicroseconds / result.Run.Total) : null,
            },
            ["managedHeapAfterRunMb"] = Round(result.ManagedHeapAfterRunMb),
            ["errors"] = Errors(result.Run.Used.SelectMany(u => u.Stats.Errors)),
            ["byOperation"] = result.Run.Used.ToDictionary(u => u.Operation.ToString(), u => (object?)new Dictionary<string, object?>
            {
                ["count"] = u.Stats.Latency.Count,
                ["opsPerSecond"] = Round(result.RunTime.TotalSeconds > 0 ? u.Stats.Latency.Count / result.RunTime.TotalSeconds : 0),
                ["p50Ms"] = u.Stats.Latency.PercentileMs(50), ["p90Ms"] = u.Stats.Latency.PercentileMs(90),
                ["p99Ms"] = u.Stats.Latency.PercentileMs(99), ["p999Ms"] = u.Stats.Latency.PercentileMs(99.9),
                ["errors"] = Errors(u.Stats.Errors),
            }),
            ["setupByOperation"] = result.Setup.Used.ToDictionary(u => u.Operation.ToString(), u => (object?)new Dictionary<string, object?>
            {
                ["count"] = u.Stats.Latency.Count, ["p99Ms"] = u.Stats.Latency.PercentileMs(99), ["errors"] = Errors(u.Stats.Errors),
            }),
            ["keysByState"] = result.KeysByState.ToDictionary(k => k.Key.ToString(), k => k.Value),
            ["histogram"] = LatencyBands.All.Select(b => new Dictionary<string, object?> { ["band"] = b.Label, ["count"] = all.CountBetween(b.From, b.To) }).ToList(),
            ["listedKeys"] = result.ListedKeys,
            ["listingSeconds"] = result.ListingTime?.TotalSeconds,
            ["listedKeysAfterRestart"] = result.ListedKeysAfterRestart,
            ["restartFirstPageSeconds"] = result.RestartFirstPageTime?.TotalSeconds,
            ["restartListingSeconds"] = result.RestartListingTime?.TotalSeconds,
            ["databaseMb"] = result.DatabaseMb is { } mb ? Round(mb) : null,
            ["keysPerSecondSetup"] = result.SetupTime.TotalSeconds > 0 ? Round(result.KeysCreated / result.SetupTime.TotalSeconds) : null,
        };
        return JsonSerializer.Serialize(summary, Options);
    }

    private static Dictionary<string, long> Errors(IEnumerable<KeyValuePair<string, long>> errors) =>
        errors.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));

    private static double Round(double value) => Math.Round(value, 1);
}
