using System.Collections.Concurrent;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Import;

/// <summary>
/// Pre-generated wrapping key pairs, one queue per <see cref="WrappingKeySpec"/>, refilled in the background so that
/// GetParametersForImport never waits for RSA key generation while the pool is warm. Thread-safe.
/// A spec with target size 0 (or absent) is not pooled: <see cref="Take"/> generates on the caller's thread.
/// </summary>
public sealed class WrappingKeyPool : IDisposable
{
    private readonly Func<WrappingKeySpec, WrappingKeyPair> _generate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<WrappingKeySpec, Filler> _fillers = new();

    public WrappingKeyPool(IReadOnlyDictionary<WrappingKeySpec, int> targetSizes, Func<WrappingKeySpec, WrappingKeyPair>? generate = null)
    {
        ArgumentNullException.ThrowIfNull(targetSizes);
        _generate = generate ?? WrappingKeyPair.Generate;
        foreach (var (spec, target) in targetSizes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(targetSizes));
            if (target > 0)
                _fillers[spec] = new Filler(spec, target, _generate, _stop.Token);
        }
        foreach (var filler in _fillers.Values)
            filler.Start();
    }

    /// <summary>A pooled pair if one is ready (and a background refill is signalled), otherwise one generated now.</summary>
    public WrappingKeyPair Take(WrappingKeySpec spec)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        if (_fillers.TryGetValue(spec, out var filler) && filler.TryTake(out var pooled))
            return pooled;
        return _generate(spec);
    }

    public int Depth(WrappingKeySpec spec) => _fillers.TryGetValue(spec, out var filler) ? filler.Depth : 0;

    /// <summary>Completes once every pooled spec has reached its target size at least once.</summary>
    public Task WarmAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_fillers.Values.Select(f => f.Warm)).WaitAsync(cancellationToken);

    /// <summary>Completes once every pooled spec holds its target size again (calls may have drained it since it was
    /// first warm); fails as <see cref="WarmAsync"/> does when a generator fails.</summary>
    public async Task FullAsync(CancellationToken cancellationToken)
    {
        await WarmAsync(cancellationToken).ConfigureAwait(false);
        while (_fillers.Values.Any(f => f.Depth < f.Target))
        {
            if (_fillers.Values.FirstOrDefault(f => f.Stopped) is { } stopped)
                throw new InvalidOperationException($"The {stopped.Spec} wrapping-key pool stopped filling.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the fillers; a generation already running finishes in the background and is discarded.</summary>
    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
            return;
        _stop.Cancel();
        foreach (var filler in _fillers.Values)
            filler.Dispose();
    }

    private sealed class Filler(WrappingKeySpec spec, int target, Func<WrappingKeySpec, WrappingKeyPair> generate, CancellationToken stop) : IDisposable
    {
        private readonly ConcurrentQueue<WrappingKeyPair> _queue = new();
        private readonly SemaphoreSlim _refill = new(0);
        private readonly TaskCompletionSource _warm = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Depth => _queue.Count;

        public int Target => target;

        public WrappingKeySpec Spec => spec;

        /// <summary>Disposed, or its generator failed: it fills no more.</summary>
        public bool Stopped => stop.IsCancellationRequested || _failed;

        private volatile bool _failed;

        public Task Warm => _warm.Task;

        // Generation is CPU-bound and blocking, so each spec gets its own long-running thread rather than a pool thread.
        public void Start() => Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        public bool TryTake(out WrappingKeyPair pair)
        {
            var taken = _queue.TryDequeue(out pair!);
            _refill.Release();
            return taken;
        }

        public void Dispose() => _warm.TrySetCanceled();

        private void Run()
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    if (_queue.Count >= target)
                    {
                        _warm.TrySetResult();
                        _refill.Wait(stop);
                        continue;
                    }
                    var pair = generate(spec);
                    if (!stop.IsCancellationRequested)
                        _queue.Enqueue(pair);
                }
            }
            catch (OperationCanceledException)
            {
                // Disposed while idle.
            }
            catch (Exception ex)
            {
                // A generator that fails once will fail again: stop filling; Take still generates on demand.
                _failed = true;
                _warm.TrySetException(ex);
            }
        }
    }
}
