using System.Diagnostics;
using KmsActors.Kms.Model;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>What a live view reads while the simulation runs; every member is safe to read from another thread.</summary>
public sealed class SimulationProgress
{
    private long _runStarted;

    public volatile string Phase = "starting";
    public volatile int SetupDone;
    public volatile int SetupTotal;

    public StatsBoard Setup { get; } = new();
    public StatsBoard Run { get; } = new();
    public KeySet? Keys { get; set; }
    public SimClock? Clock { get; set; }
    public TimeSpan? VirtualElapsed { get; set; }

    public void RunStarted() => Interlocked.Exchange(ref _runStarted, Stopwatch.GetTimestamp());

    public TimeSpan RunElapsed => _runStarted == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(Interlocked.Read(ref _runStarted));

    public Dictionary<KeyState, int> KeysByState() =>
        Keys is { } keys && Clock is { } clock ? keys.CountByState(clock.Now) : [];
}
