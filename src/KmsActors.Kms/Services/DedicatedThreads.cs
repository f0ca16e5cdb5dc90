using System.Collections.Concurrent;

namespace KmsActors.Kms.Services;

/// <summary>
/// A few threads of their own for work that blocks (a database round trip, RSA key generation), so it never runs on
/// an actor's thread nor on the .NET thread pool that Akka's default dispatcher runs actors on: a slow disk or a long
/// generation holds these threads and its own callers, not unrelated keys. Work runs in the order it was queued.
/// The actor that asked gets the outcome as a Task and pipes it to itself (docs/persistence.md, "Nothing blocks an actor").
/// </summary>
internal sealed class DedicatedThreads : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread[] _threads;

    /// <param name="name">The threads' name (seen in dumps and profiles).</param>
    /// <param name="count">How many; at least one.</param>
    public DedicatedThreads(string name, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"{name}-{i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>Runs <paramref name="work"/> on one of the threads; the task completes with its result or its exception.</summary>
    public Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!TryAdd(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception error)
            {
                done.SetException(error);
            }
        }))
            done.SetException(new ObjectDisposedException(nameof(DedicatedThreads), "The engine is stopping."));
        return done.Task;
    }

    public Task Run(Action work) => Run(() =>
    {
        work();
        return true;
    });

    private bool TryAdd(Action work)
    {
        try
        {
            return _queue.TryAdd(work);
        }
        catch (InvalidOperationException)
        {
            return false; // completed for adding: disposed
        }
    }

    private void Work()
    {
        foreach (var work in _queue.GetConsumingEnumerable())
            work();
    }

    /// <summary>Runs what was queued, then stops the threads (waiting at most 30 s for them).</summary>
    public void Dispose() => Dispose(TimeSpan.FromSeconds(30));

    public void Dispose(TimeSpan wait)
    {
        if (_queue.IsAddingCompleted)
            return;
        _queue.CompleteAdding();
        var until = DateTime.UtcNow + wait;
        foreach (var thread in _threads)
        {
            var left = until - DateTime.UtcNow;
            if (thread != Thread.CurrentThread)
                thread.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
    }
}
