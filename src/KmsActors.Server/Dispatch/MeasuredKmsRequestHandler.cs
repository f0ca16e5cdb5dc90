using System.Diagnostics;
using Akka.Actor;
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
            if (inner is not KmsEngineRequestHandler engine)
                return await inner.HandleAsync(operation, request, caller, region, requestId, ct).ConfigureAwait(false);
            // The engine's handler unwrapped here, in this frame: what it does, without a second async frame per call.
            try
            {
                return KmsEngineRequestHandler.Unwrap(await engine.Send(request, caller, region, requestId, ct).ConfigureAwait(false));
            }
            catch (AskTimeoutException)
            {
                throw KmsEngineRequestHandler.Timeout(operation);
            }
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
