namespace KmsActors.Samples.LoadSimulation;

/// <summary>Collections by generation (a gen1 collection also counts as gen0, as <see cref="GC.CollectionCount"/> does)
/// and the total time the GC paused the process; the difference of two readings is the activity between them.</summary>
public readonly record struct GcActivity(int Gen0, int Gen1, int Gen2, TimeSpan Pause)
{
    public static GcActivity Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcActivity operator -(GcActivity after, GcActivity before) =>
        new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Pause - before.Pause);
}
