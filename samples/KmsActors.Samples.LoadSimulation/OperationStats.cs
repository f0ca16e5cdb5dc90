using System.Collections.Concurrent;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>Calls of one operation: latency histogram (successes and errors alike) and errors by AWS code.</summary>
public sealed class OperationStats
{
    public LatencyHistogram Latency { get; } = new();

    public ConcurrentDictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    public long ErrorCount => Errors.Values.Sum();

    public void Succeeded(long micros) => Latency.Record(micros);

    public void Failed(long micros, string errorCode)
    {
        Latency.Record(micros);
        Errors.AddOrUpdate(errorCode, 1, (_, n) => n + 1);
    }
}
