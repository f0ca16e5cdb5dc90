namespace KmsActors.Samples.LoadSimulation;

/// <summary>Collections by generation (a gen1 collection also counts as gen0, as <see cref="GC.CollectionCount"/> does),
/// the total time the GC paused the process, the bytes allocated and the process's CPU time; the difference of two
/// readings is the activity between them. CPU and bytes per call hardly depend on what else the machine runs, unlike
/// calls per second: they are what to compare between builds on a shared machine.</summary>
public readonly record struct GcActivity(int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Allocated = 0, TimeSpan Cpu = default)
{
    public static GcActivity Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
        GC.GetTotalAllocatedBytes(precise: false), Environment.CpuUsage.TotalTime);

    public static GcActivity operator -(GcActivity after, GcActivity before) =>
        new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Pause - before.Pause,
            after.Allocated - before.Allocated, after.Cpu - before.Cpu);
}
