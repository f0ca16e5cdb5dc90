namespace KmsActors.Benchmarks.Persistence;

/// <summary>Shared by the counters of one run: counts acknowledged events until the window closes.</summary>
public sealed class PersistRace(int actors)
{
    private long _events;
    private int _running = actors;
    private volatile bool _open = true;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Events => Interlocked.Read(ref _events);

    public Task AllFinished => _done.Task;

    /// <summary>Counts an acknowledged event; false once the window is closed.</summary>
    public bool Count()
    {
        Interlocked.Increment(ref _events);
        return _open;
    }

    public void Close() => _open = false;

    public void Finished()
    {
        if (Interlocked.Decrement(ref _running) == 0)
            _done.TrySetResult();
    }
}
