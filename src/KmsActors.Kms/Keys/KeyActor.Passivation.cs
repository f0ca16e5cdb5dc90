using Akka.Actor;

namespace KmsActors.Kms.Keys;

// Passivation from the key's side. The region decides when a key stops (idle for kms.passivate-after, or least
// recently used beyond kms.max-live-keys: RegionActor.IdleKeys, RegionActor.LiveKeyLimit) and tells it StopPassivated.
public sealed partial class KeyActor
{
    /// <summary>Told to stop while a ReplicateKey waited for its replica: stops once none waits.</summary>
    private bool _stopWhenReplicated;

    /// <summary>How long a key told to stop waits for its replications' answers at most.</summary>
    private static readonly TimeSpan ReplicationWait = TimeSpan.FromMinutes(1);

    private sealed record ReplicationWaitOver
    {
        public static readonly ReplicationWaitOver Instance = new();
    }

    /// <summary>
    /// The region passivates the key. A ReplicateKey waiting for the replica region is the one call the key remembers
    /// only in memory (its caller, in <see cref="_replications"/>), and the answer comes to this actor directly, not
    /// through the region's buffer: stopping now would leave the caller unanswered and the replica unrecorded. Such a
    /// key stops once the last answer is handled (the stop is a command, stashed while that answer is persisted), or
    /// after <see cref="ReplicationWait"/> should an answer be lost, by which time its caller has given up.
    /// </summary>
    private void OnStopPassivated()
    {
        if (!AnswersPending)
        {
            Context.Stop(Self);
            return;
        }
        _stopWhenReplicated = true;
        Timers.StartSingleTimer(nameof(ReplicationWaitOver), ReplicationWaitOver.Instance, ReplicationWait);
    }

    /// <summary>A ReplicateKey waits for its replica, or a GetParametersForImport for its wrapping key pair: answers only
    /// this actor can give (they come to it directly, not through the region's buffer).</summary>
    private bool AnswersPending => _replications is { Count: > 0 } || _importParametersGenerating > 0;

    private void StopIfReplicationsAnswered()
    {
        if (_stopWhenReplicated && !AnswersPending)
            Self.Tell(StopPassivated.Instance);
    }
}
