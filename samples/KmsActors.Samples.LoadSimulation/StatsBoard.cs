using System.Diagnostics;
using KmsActors.Kms.Model;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>Per-operation statistics of one phase (set-up or run), and the helper that times a call into them.</summary>
public sealed class StatsBoard
{
    private readonly OperationStats[] _byOperation = Enum.GetValues<SimOperation>().Select(_ => new OperationStats()).ToArray();

    public OperationStats this[SimOperation operation] => _byOperation[(int)operation];

    public long Total => _byOperation.Sum(s => s.Latency.Count);

    public long Errors => _byOperation.Sum(s => s.ErrorCount);

    public IEnumerable<(SimOperation Operation, OperationStats Stats)> Used =>
        Enum.GetValues<SimOperation>().Select(op => (op, this[op])).Where(x => x.Item2.Latency.Count > 0);

    /// <summary>Awaits <paramref name="call"/> (sent at <paramref name="started"/>, a Stopwatch timestamp), records its
    /// latency and, for a KmsException, its AWS code. Returns the response, or default when the call failed.</summary>
    public async Task<T?> Time<T>(SimOperation operation, long started, Task<T> call)
    {
        // Not written as a call of Attempt: one async frame per timed call instead of two (this is the run loop).
        try
        {
            var response = await call.ConfigureAwait(false);
            this[operation].Succeeded(Micros(started));
            return response;
        }
        catch (KmsException e)
        {
            this[operation].Failed(Micros(started), e.ErrorCode);
            return default;
        }
    }

    /// <summary>As <see cref="Time{T}"/>, also returning the AWS error code of a failed call.</summary>
    public async Task<(T? Response, string? Error)> Attempt<T>(SimOperation operation, long started, Task<T> call)
    {
        try
        {
            var response = await call.ConfigureAwait(false);
            this[operation].Succeeded(Micros(started));
            return (response, null);
        }
        catch (KmsException e)
        {
            this[operation].Failed(Micros(started), e.ErrorCode);
            return (default, e.ErrorCode);
        }
    }

    private static long Micros(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
}
