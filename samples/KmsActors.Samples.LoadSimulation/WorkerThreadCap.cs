namespace KmsActors.Samples.LoadSimulation;

/// <summary>Caps the .NET thread pool's worker threads while it is held, and puts the previous limit back when
/// disposed. A cap below the pool's minimum (one per processor by default) is raised to that minimum.</summary>
public sealed class WorkerThreadCap : IDisposable
{
    private readonly int _previousWorkers;
    private readonly int _previousIo;

    private WorkerThreadCap(int workers)
    {
        ThreadPool.GetMaxThreads(out _previousWorkers, out _previousIo);
        ThreadPool.GetMinThreads(out var minWorkers, out _);
        Applied = Math.Max(workers, minWorkers);
        if (!ThreadPool.SetMaxThreads(Applied, _previousIo))
            throw new InvalidOperationException($"The thread pool refused {Applied} worker threads at most.");
    }

    /// <summary>The worker-thread limit in force.</summary>
    public int Applied { get; }

    /// <summary>The cap for <paramref name="workers"/> threads; null (nothing changed) for 0.</summary>
    public static WorkerThreadCap? Apply(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        return workers == 0 ? null : new WorkerThreadCap(workers);
    }

    public void Dispose() => ThreadPool.SetMaxThreads(_previousWorkers, _previousIo);
}
