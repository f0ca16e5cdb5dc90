using System.Diagnostics;

namespace KmsActors.Benchmarks.Kms;

/// <summary>Runs <paramref name="callers"/> loops of an async operation for a time window and reports ops/s.</summary>
public static class Throughput
{
    public static async Task<double> OpsPerSecond(int callers, TimeSpan window, Func<int, long, Task> operation) =>
        (await Measure(callers, window, operation)).OpsPerSecond;

        /// <summary>As <see cref="OpsPerSecond"/>, also reporting the bytes the whole process allocated and the CPU time
    /// (µs, all threads) it used per operation: both barely move when other processes load the machine.</summary>
    public static async Task<(double OpsPerSecond, double BytesPerOp, double CpuMicrosecondsPerOp)> Measure(int callers, TimeSpan window, Func<int, long, Task> operation)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long ops = 0;
        var open = true;
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (long n = 0; Volatile.Read(ref open); n++)
            {
                await operation(caller, n);
                Interlocked.Increment(ref ops);
            }
        })).ToList();
        await Task.Delay(window);
        Volatile.Write(ref open, false);
        var counted = Interlocked.Read(ref ops);
        var elapsed = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await Task.WhenAll(loops);
        return counted == 0 ? (0, 0, 0) : (counted / elapsed.TotalSeconds, (double)allocated / counted, cpu.TotalMicroseconds / counted);
    }

    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
