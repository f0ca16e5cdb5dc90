using Akka.Actor;
using KmsActors.Kms.Engine;

namespace KmsActors.Kms.Keys;

// Idle detection without a per-message timer: a receive timeout would be cancelled and re-armed on the scheduler
// for every call (measured: ~240 B and a scheduler lock per Encrypt). Instead every message stamps the time, and a
// periodic check (every half idle window) asks the region to passivate a key idle for kms.passivate-after, so a
// key stops between 1 and 1.5 idle windows after its last message.
public sealed partial class KeyActor
{
    private sealed record IdleCheck
    {
        public static readonly IdleCheck Instance = new();
    }

    private DateTimeOffset _lastActivity;
    /// <summary>Told to stop while a ReplicateKey waited for its replica: stops once none waits.</summary>
    private bool _stopWhenReplicated;

    /// <summary>How long a key told to stop waits for its replications' answers at most.</summary>
    private static readonly TimeSpan ReplicationWait = TimeSpan.FromMinutes(1);

    private sealed record ReplicationWaitOver
    {
        public static readonly ReplicationWaitOver Instance = new();
    }

    /// <summary>Work for the key keeps it alive; its own timers (delivered wrapped by Akka) and Settle do not.</summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        if (message is KmsCommand or InitializeKey or InitializeReplica or ReEncryptDestination or WakeUp or ReplicaCreated or ReplicaCreationFailed)
            _lastActivity = Now;
        return TryAnswerDirectly(message) || base.AroundReceive(receive, message);
    }

    private void StartIdleChecks()
    {
        var idleWindow = _services.Settings.PassivateAfter;
        if (idleWindow <= TimeSpan.Zero)
            return;
        _lastActivity = Now;
        var every = TimeSpan.FromTicks(Math.Max(idleWindow.Ticks / 2, TimeSpan.TicksPerMillisecond));
        Timers.StartPeriodicTimer(nameof(IdleCheck), IdleCheck.Instance, every);
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
        if (_replications.Count == 0)
        {
            Context.Stop(Self);
            return;
        }
        _stopWhenReplicated = true;
        Timers.StartSingleTimer(nameof(ReplicationWaitOver), ReplicationWaitOver.Instance, ReplicationWait);
    }

    private void StopIfReplicationsAnswered()
    {
        if (_stopWhenReplicated && _replications.Count == 0)
            Self.Tell(StopPassivated.Instance);
    }

    private void OnIdleCheck()
    {
        if (Now - _lastActivity >= _services.Settings.PassivateAfter)
            Context.Parent.Tell(new Passivate(_keyId));
    }
}
