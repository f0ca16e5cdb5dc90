using System.Collections.Concurrent;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Import;

/// <summary>
/// Pre-generated wrapping key pairs, one queue per <see cref="WrappingKeySpec"/>, refilled in the background so that
/// GetParametersForImport never waits for RSA key generation while the pool is warm. Thread-safe.
/// A spec with target size 0 (or absent) is not pooled. When no pair is ready, <see cref="TakeAsync"/> generates one on
/// the pool's own generator threads (kms.import.generate-threads), never on the caller's: a key actor that asks gets the
/// pair later, piped to itself, and every other key goes on meanwhile (docs/persistence.md, "Nothing blocks an actor").
/// </summary>
public sealed class WrappingKeyPool : IDisposable
{
    private readonly Func<WrappingKeySpec, WrappingKeyPair> _generate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<WrappingKeySpec, Filler> _fillers = new();
    private readonly Lazy<Services.DedicatedThreads> _generators;

    private int _filling;

    /// <param name="generateThreads">Threads that generate the pairs asked for while none is ready (<see cref="TakeAsync"/>).</param>
    /// <param name="fillNow">False: the background fillers wait for <see cref="StartFilling"/> (or the first take, warm or refill).</param>
    public WrappingKeyPool(IReadOnlyDictionary<WrappingKeySpec, int> targetSizes, Func<WrappingKeySpec, WrappingKeyPair>? generate = null, int generateThreads = 1, bool fillNow = true)
    {
        ArgumentNullException.ThrowIfNull(targetSizes);
        _generate = generate ?? WrappingKeyPair.Generate;
        _generators = new Lazy<Services.DedicatedThreads>(() => new Services.DedicatedThreads("kms-wrapping-key-generator", generateThreads));
        foreach (var (spec, target) in targetSizes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(targetSizes));
            if (target > 0)
                _fillers[spec] = new Filler(spec, target, _generate, _stop.Token);
        }
        if (fillNow)
            StartFilling();
    }

    /// <summary>Starts the background fillers, once; later calls do nothing.</summary>
    public void StartFilling()
    {
        if (Interlocked.Exchange(ref _filling, 1) != 0 || _stop.IsCancellationRequested)
            return;
        foreach (var filler in _fillers.Values)
            filler.Start();
    }

    /// <summary>A pooled pair if one is ready (and a background refill is signalled), otherwise one generated now, on the
    /// caller's thread: not for actors (see <see cref="TakeAsync"/>).</summary>
    public WrappingKeyPair Take(WrappingKeySpec spec) => TryTake(spec, out var pooled) ? pooled : _generate(spec);

    /// <summary>A pooled pair if one is ready (and a background refill is signalled).</summary>
    public bool TryTake(WrappingKeySpec spec, out WrappingKeyPair pair)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        if (Volatile.Read(ref _filling) == 0)
            StartFilling();
        pair = null!;
        return _fillers.TryGetValue(spec, out var filler) && filler.TryTake(out pair);
    }

    /// <summary>A pooled pair if one is ready (a completed task), otherwise one generated on the generator threads.</summary>
    public Task<WrappingKeyPair> TakeAsync(WrappingKeySpec spec) =>
        TryTake(spec, out var pooled) ? Task.FromResult(pooled) : _generators.Value.Run(() => WrappingKeyPair.Warm(_generate(spec)));

    public int Depth(WrappingKeySpec spec) => _fillers.TryGetValue(spec, out var filler) ? filler.Depth : 0;

    /// <summary>Completes once every pooled spec has reached its target size at least once. The caller's side
    /// generates the missing pairs (at its own priority: the background filler runs at idle priority).</summary>
    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        await FillAsync(f => !f.Warm.IsCompleted, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(_fillers.Values.Select(f => f.Warm)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes once every pooled spec holds its target size again (calls may have drained it since it was
    /// first warm), generating the missing pairs as <see cref="WarmAsync"/> does and failing as it does.</summary>
    public Task FullAsync(CancellationToken cancellationToken) => FillAsync(f => f.Depth < f.Target, cancellationToken);

    private async Task FillAsync(Func<Filler, bool> isShort, CancellationToken cancellationToken)
    {
        StartFilling();
        foreach (var filler in _fillers.Values)
        {
            while (isShort(filler))
            {
                ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
                if (filler.Warm.IsFaulted)
                    await filler.Warm.ConfigureAwait(false); // the generator's own exception
                if (filler.Stopped)
                    throw new InvalidOperationException($"The {filler.Spec} wrapping-key pool stopped filling.");
                // Nothing to claim while the background filler generates the last missing pair: wait for it.
                if (!await Task.Run(filler.FillOne, cancellationToken).ConfigureAwait(false))
                    await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
            }
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
        // A generation already running finishes and is discarded (its caller is gone with the engine).
        if (_generators.IsValueCreated)
            _generators.Value.Dispose(TimeSpan.Zero);
    }

    /// <summary>
    /// One spec's queue and its two threads, which never compete: the reserve thread, at normal priority, generates
    /// while the queue is below a quarter of its target (from empty at start, too), so a steady stream of imports on a
    /// busy machine cannot drain the pool down to generation on the callers' threads; above that line the top-up thread,
    /// at idle priority, fills the queue to its target from spare CPU.
    /// </summary>
    private sealed class Filler(WrappingKeySpec spec, int target, Func<WrappingKeySpec, WrappingKeyPair> generate, CancellationToken stop) : IDisposable
    {
        private readonly ConcurrentQueue<WrappingKeyPair> _queue = new();
        private readonly SemaphoreSlim _refill = new(0);
        private readonly SemaphoreSlim _belowReserve = new(0);
        private readonly TaskCompletionSource _warm = new(TaskCreationOptions.RunContinuationsAsynchronously);
        /// <summary>Pairs in the queue plus pairs being generated for it: never above the target, so the threads and a
        /// waiting caller never generate one pair too many between them.</summary>
        private int _claimed;
        private volatile bool _failed;

        public int Depth => _queue.Count;

        public int Target => target;

        /// <summary>Below this depth the reserve thread generates at normal priority.</summary>
        public int Reserve { get; } = Math.Max(1, target / 4);

        public WrappingKeySpec Spec => spec;

        /// <summary>Disposed, or its generator failed: it fills no more.</summary>
        public bool Stopped => stop.IsCancellationRequested || _failed;

        public Task Warm => _warm.Task;

        // Generation is CPU-bound and blocking, so each gets a long-running thread of its own rather than a pool thread.
        public void Start()
        {
            Task.Factory.StartNew(TopUp, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            Task.Factory.StartNew(KeepReserve, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public bool TryTake(out WrappingKeyPair pair)
        {
            var taken = _queue.TryDequeue(out pair!);
            if (taken)
                Interlocked.Decrement(ref _claimed);
            if (_queue.Count < Reserve)
                _belowReserve.Release();
            else
                _refill.Release();
            return taken;
        }

        public void Dispose() => _warm.TrySetCanceled();

        /// <summary>Generates one pair into the pool on the calling thread, if the pool (counting pairs being generated)
        /// is short of its target; false when it is not, or when the filler has stopped. A generator failure stops the
        /// filler, fails <see cref="Warm"/> and is rethrown.</summary>
        public bool FillOne()
        {
            int claimed;
            do
            {
                claimed = Volatile.Read(ref _claimed);
                if (claimed >= target || Stopped)
                    return false;
            }
            while (Interlocked.CompareExchange(ref _claimed, claimed + 1, claimed) != claimed);
            WrappingKeyPair pair;
            try
            {
                pair = WrappingKeyPair.Warm(generate(spec));
            }
            catch (Exception ex)
            {
                Interlocked.Decrement(ref _claimed);
                // A generator that fails once will fail again: stop filling; Take still generates on demand.
                _warm.TrySetException(ex); // before _failed: whoever sees Stopped finds the cause in Warm
                _failed = true;
                throw;
            }
            if (stop.IsCancellationRequested)
                return true; // disposed meanwhile: the pair is discarded
            _queue.Enqueue(pair);
            if (_queue.Count >= target)
                _warm.TrySetResult();
            return true;
        }

        private void TopUp()
        {
            // Topping up is background work nobody waits for (a Take on an empty pool generates on its own thread, and
            // WarmAsync/FullAsync generate on theirs): at idle priority it takes no CPU the calls want.
            BackgroundPriority.LowerCurrentThread();
            FillWhile(_refill, () => _queue.Count >= Reserve, then: null);
        }

        // Back above the line: the top-up thread takes over.
        private void KeepReserve() => FillWhile(_belowReserve, () => _queue.Count < Reserve, then: () =>
        {
            if (_queue.Count >= Reserve)
                _refill.Release();
        });

        /// <summary>Generates while <paramref name="wanted"/> holds and the pool is short of its target (running
        /// <paramref name="then"/> after each pair); otherwise waits for <paramref name="signal"/>.</summary>
        private void FillWhile(SemaphoreSlim signal, Func<bool> wanted, Action? then)
        {
            try
            {
                while (!Stopped)
                {
                    if (wanted() && FillOne())
                        then?.Invoke();
                    else
                        signal.Wait(stop);
                }
            }
            catch (OperationCanceledException)
            {
                // Disposed while idle.
            }
            catch (Exception)
            {
                // The generator failed: FillOne stopped the filler and failed Warm.
            }
        }
    }
}
