namespace KmsActors.Console.Live;

/// <summary>One operation on the Metrics page: per second over the window (oldest first) its calls, refusals and mean
/// latency in milliseconds (0 where there were no calls); since the server started its calls, refusals, mean and
/// slowest latency.</summary>
public sealed record OperationSnapshot(
    string Operation,
    IReadOnlyList<int> RequestsPerSecond,
    IReadOnlyList<int> ErrorsPerSecond,
    IReadOnlyList<double> LatencyMsPerSecond,
    long Total,
    long TotalErrors,
    double MeanLatencyMs,
    double MaxLatencyMs)
{
    public int WindowRequests => RequestsPerSecond.Sum();

    public int WindowErrors => ErrorsPerSecond.Sum();

    public int PeakRequestsPerSecond => RequestsPerSecond.Count == 0 ? 0 : RequestsPerSecond.Max();

    public double PeakLatencyMs => LatencyMsPerSecond.Count == 0 ? 0 : LatencyMsPerSecond.Max();
}
