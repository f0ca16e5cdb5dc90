using System.Diagnostics;
using KmsActors.Hosting.Metrics;
using KmsActors.Kms.Engine;

namespace KmsActors.Server.Dispatch;

/// <summary>Counts and times every call the server hands to <paramref name="inner"/> in the KmsActors meter.</summary>
public sealed class MeasuredKmsRequestHandler(IKmsRequestHandler inner, KmsMetrics metrics) : IKmsRequestHandler
{
    public async Task<object?> HandleAsync(string operation, object request, CallerIdentity caller, string region, string requestId, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = KmsMetricNames.SuccessOutcome;
        try
        {
            return await inner.HandleAsync(operation, request, caller, region, requestId, ct).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            outcome = KmsMetricNames.OutcomeOf(error);
            throw;
        }
        finally
        {
            metrics.RecordRequest(operation, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
