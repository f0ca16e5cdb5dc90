namespace KmsActors.Console.Live;

/// <summary>One operation's calls: per-second buckets over the last <see cref="OperationMetrics.WindowSeconds"/>
/// (a fixed ring, so memory stays bounded however long the server runs) and totals since the server started.</summary>
internal sealed class OperationSeries(string operation, int window)
{
    private readonly Lock _gate = new();
    private readonly long[] _second = new long[window];
    private readonly int[] _count = new int[window];
    private readonly int[] _errors = new int[window];
    private readonly double[] _latency = new double[window];
    private long _total;
    private long _totalErrors;
    private double _totalLatency;
    private double _maxLatency;

    public void Record(long second, double seconds, bool error)
    {
        var slot = (int)(second % window);
        lock (_gate)
        {
            if (_second[slot] != second)
            {
                _second[slot] = second;
                _count[slot] = 0;
                _errors[slot] = 0;
                _latency[slot] = 0;
            }
            _count[slot]++;
            _latency[slot] += seconds;
            _total++;
            _totalLatency += seconds;
            _maxLatency = Math.Max(_maxLatency, seconds);
            if (error)
            {
                _errors[slot]++;
                _totalErrors++;
            }
        }
    }

    /// <summary>The window ending at <paramref name="now"/> (a second), oldest second first.</summary>
    public OperationSnapshot Snapshot(long now)
    {
        var requests = new int[window];
        var errors = new int[window];
        var latencyMs = new double[window];
        lock (_gate)
        {
            for (var i = 0; i < window; i++)
            {
                var second = now - window + 1 + i;
                if (second < 0)
                    continue;
                var slot = (int)(second % window);
                if (_second[slot] != second || _count[slot] == 0)
                    continue;
                requests[i] = _count[slot];
                errors[i] = _errors[slot];
                latencyMs[i] = _latency[slot] / _count[slot] * 1000;
            }
            return new OperationSnapshot(operation, requests, errors, latencyMs, _total, _totalErrors,
                _total == 0 ? 0 : _totalLatency / _total * 1000, _maxLatency * 1000);
        }
    }
}
