using System.Numerics;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>
/// Lock-free latency histogram in microseconds: exact below 32 µs, then 16 sub-buckets per power of two
/// (about 6 % resolution), like HdrHistogram with two significant digits. Percentiles report a bucket's upper edge.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBuckets = 16;
    private const int Buckets = 32 + 40 * SubBuckets;
    // One row of buckets per stripe, picked by the recording thread's processor: two cores recording 100,000 calls a
    // second into one shared counter spent more on bouncing its cache line than on the rest of the bookkeeping.
    private const int Stripes = 4;
    private readonly long[] _counts = new long[Stripes * Buckets];
    private long _maxMicros;

    public long Count
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _counts.Length; i++)
                total += Interlocked.Read(ref _counts[i]);
            return total;
        }
    }

    public double MaxMs => Interlocked.Read(ref _maxMicros) / 1000.0;

    public void Record(long micros)
    {
        if (micros < 0)
            micros = 0;
        Interlocked.Increment(ref _counts[(Thread.GetCurrentProcessorId() & (Stripes - 1)) * Buckets + Index(micros)]);
        var max = Interlocked.Read(ref _maxMicros);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxMicros, micros, max);
            if (seen == max)
                break;
            max = seen;
        }
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
            Interlocked.Add(ref _counts[i], Interlocked.Read(ref other._counts[i]));
        var max = Interlocked.Read(ref other._maxMicros);
        if (max > _maxMicros)
            _maxMicros = max;
    }

    /// <summary>The latency in milliseconds that <paramref name="percentile"/> % of calls did not exceed.</summary>
    public double PercentileMs(double percentile)
    {
        var total = Count;
        if (total == 0)
            return 0;
        var rank = (long)Math.Ceiling(total * percentile / 100.0);
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += BucketCount(i);
            if (seen >= rank)
                return Math.Min(UpperMicros(i), Interlocked.Read(ref _maxMicros)) / 1000.0;
        }
        return MaxMs;
    }

    /// <summary>Calls whose latency fell in [fromMs, toMs).</summary>
    public long CountBetween(double fromMs, double toMs)
    {
        long sum = 0;
        for (var i = 0; i < Buckets; i++)
        {
            var upper = UpperMicros(i) / 1000.0;
            if (upper >= fromMs && upper < toMs)
                sum += BucketCount(i);
        }
        return sum;
    }

    private long BucketCount(int index)
    {
        long sum = 0;
        for (var stripe = 0; stripe < Stripes; stripe++)
            sum += Interlocked.Read(ref _counts[stripe * Buckets + index]);
        return sum;
    }

    private static int Index(long micros)
    {
        if (micros < 32)
            return (int)micros;
        var msb = 63 - BitOperations.LeadingZeroCount((ulong)micros);
        var shift = msb - 4;
        return Math.Min(32 + (shift - 1) * SubBuckets + (int)((micros >> shift) - SubBuckets), Buckets - 1);
    }

    private static long UpperMicros(int index)
    {
        if (index < 32)
            return index;
        var shift = (index - 32) / SubBuckets + 1;
        var sub = (index - 32) % SubBuckets + SubBuckets;
        return ((long)(sub + 1) << shift) - 1;
    }
}
