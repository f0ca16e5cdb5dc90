namespace KmsActors.Samples.LoadSimulation;

/// <summary>
/// Samples the GC four times a second: the peak of memory the GC has committed and of its heap after a collection,
/// beside the process's peak working set, so a report tells managed growth apart from native memory and GC slack.
/// </summary>
public sealed class MemoryWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public MemoryWatch() => _sampling = Sample();

    public double PeakGcCommittedMb { get; private set; }
    public double PeakGcHeapMb { get; private set; }

    private async Task Sample()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var info = GC.GetGCMemoryInfo(GCKind.Any);
                PeakGcCommittedMb = Math.Max(PeakGcCommittedMb, info.TotalCommittedBytes / 1048576.0);
                PeakGcHeapMb = Math.Max(PeakGcHeapMb, info.HeapSizeBytes / 1048576.0);
                await Task.Delay(250, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        _stop.Dispose();
    }
}
