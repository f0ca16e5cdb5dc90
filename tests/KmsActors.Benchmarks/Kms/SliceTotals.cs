namespace KmsActors.Benchmarks.Kms;

/// <summary>
/// One side of a side-by-side measurement taken in turns (encrypt.engine/raw, import.rsa2048 and its limit): the slices
/// summed, so each figure is over all of a side's slices, weighted by the operations in each.
/// </summary>
public sealed class SliceTotals
{
    private double _ops;
    private double _seconds;
    private double _bytes;
    private double _cpuMicroseconds;

    public double OpsPerSecond => _ops / _seconds;
    public double BytesPerOp => _bytes / _ops;
    public double CpuMicrosecondsPerOp => _cpuMicroseconds / _ops;

    /// <summary>A slice of <paramref name="elapsed"/> that did <paramref name="ops"/> operations with the CPU time
    /// (µs) and the bytes allocated given.</summary>
    public void Add(double ops, TimeSpan elapsed, double cpuMicroseconds, double bytes = 0)
    {
        _ops += ops;
        _seconds += elapsed.TotalSeconds;
        _cpuMicroseconds += cpuMicroseconds;
        _bytes += bytes;
    }

    /// <summary>A slice as <see cref="Throughput.Measure"/> reports it, over <paramref name="window"/>.</summary>
    public void Add((double OpsPerSecond, double BytesPerOp, double CpuMicrosecondsPerOp) slice, TimeSpan window)
    {
        var ops = slice.OpsPerSecond * window.TotalSeconds;
        Add(ops, window, slice.CpuMicrosecondsPerOp * ops, slice.BytesPerOp * ops);
    }
}
