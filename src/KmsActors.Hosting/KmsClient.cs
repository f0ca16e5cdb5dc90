using System.Diagnostics;
using Akka.Actor;
using KmsActors.Hosting.Metrics;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Hosting;

/// <summary>
/// <see cref="IKmsClient"/> over the hosted actor system's <see cref="KmsEngine"/> (started on first use, or by
/// AddKmsActors' startup). Every call is counted and timed in the KmsActors meter.
/// </summary>
internal sealed partial class KmsClient(ActorSystem system, KmsMetrics metrics) : IKmsClient
{
    private KmsEngine Engine => KmsEngine.Start(system);

    public IAsyncEnumerable<AuditRecord> AuditTrail(CancellationToken ct = default) => AuditSubscription.Open(system, ct);

    private async Task<TResponse> Call<TResponse>(object request, CallerIdentity? caller, string? region, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = KmsMetricNames.SuccessOutcome;
        try
        {
            return await Engine.Send<TResponse>(request, caller, region, ct).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            outcome = KmsMetricNames.OutcomeOf(error);
            throw;
        }
        finally
        {
            metrics.RecordRequest(KmsCommand.OperationOf(request), outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
