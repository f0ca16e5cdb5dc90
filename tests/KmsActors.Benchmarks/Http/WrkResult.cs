namespace KmsActors.Benchmarks.Http;

/// <summary>One wrk run: completed requests, its length, latency percentiles (ms) and errors of any kind (non-2xx
/// answers, timeouts, socket errors).</summary>
public sealed record WrkResult(long Requests, TimeSpan Duration, double P50Milliseconds, double P99Milliseconds, long Errors)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;
}
