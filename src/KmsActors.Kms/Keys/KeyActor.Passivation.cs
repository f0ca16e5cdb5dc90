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

    private void OnIdleCheck()
    {
        if (Now - _lastActivity >= _services.Settings.PassivateAfter)
            Context.Parent.Tell(new Passivate(_keyId));
    }
}
