using Akka.Actor;
using KmsActors.Kms.Keys;

namespace KmsActors.Kms.Regions;

// Idle passivation as Akka.Cluster.Sharding's shards do it: the region stamps every delivery (LiveKey.LastDelivered)
// and, every half idle window, tells the keys idle for kms.passivate-after to stop, so a key stops between 1 and 1.5
// idle windows after its last message. One timer per region, not a periodic timer per key: each key's timer cost
// ~500 B while the key ran and, once it stopped, a cancelled timer stays in the scheduler's wheel until its deadline,
// holding the dead actor's cell (~1.2 KB) for up to half a window; with the live-key limit restarting keys by the
// thousand per second that is hundreds of MB at the default window. A sweep reads every live key: ~1 ms per 100,000.
public sealed partial class RegionActor
{
    private const string IdleSweepTimer = "idle-sweep";

    private sealed record IdleSweep
    {
        public static readonly IdleSweep Instance = new();
    }

    private void StartIdleSweeps()
    {
        var idleWindow = _settings.PassivateAfter;
        if (idleWindow <= TimeSpan.Zero)
            return;
        var every = TimeSpan.FromTicks(Math.Max(idleWindow.Ticks / 2, TimeSpan.TicksPerMillisecond));
        Timers.StartPeriodicTimer(IdleSweepTimer, IdleSweep.Instance, every);
    }

    private void OnIdleSweep()
    {
        var now = Now;
        foreach (var key in _live.Values)
        {
            if (key.Stopping || now - key.LastDelivered < _settings.PassivateAfter)
                continue;
            MarkStopping(key);
            // A command, not Stop or PoisonPill: messages already in the key's mailbox are handled first, and a persist
            // in flight completes (with its reply and audit record) before the key stops.
            key.Actor.Tell(StopPassivated.Instance);
        }
    }
}
