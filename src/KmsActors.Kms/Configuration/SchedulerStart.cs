using Akka.Actor;

namespace KmsActors.Kms.Configuration;

/// <summary>
/// Starts the actor system's scheduler while the system starts (an extension listed in akka.extensions by
/// hocon/reference.conf), instead of at its first use. Akka's <see cref="HashedWheelTimerScheduler"/> starts its
/// timer loop lazily and the first callers block a thread until it runs; when that first use is a hundred persistent
/// actors starting recovery at once (each schedules its recovery timeout), every thread-pool thread blocks there while
/// the timer loop waits for a pool thread: the system stood still for 20 s and more (seen on PostgreSQL recovery of
/// 100 actors on 2 cores). Started here, that wait happens once, on the thread creating the system.
/// </summary>
public sealed class SchedulerStart : IExtension
{
    private SchedulerStart()
    {
    }

    /// <summary>Makes sure <paramref name="system"/>'s scheduler runs; cheap and idempotent.</summary>
    public static void Ensure(ActorSystem system) => system.WithExtension<SchedulerStart, SchedulerStartProvider>();

    internal static SchedulerStart Start(ActorSystem system)
    {
        // Virtual-time schedulers (TestScheduler, the simulation's clock) have no loop to start and must not get an
        // entry: only the real scheduler is touched, with an empty action that runs on its next tick.
        if (system.Scheduler is HashedWheelTimerScheduler)
            system.Scheduler.Advanced.ScheduleOnce(TimeSpan.Zero, static () => { });
        return new SchedulerStart();
    }
}

public sealed class SchedulerStartProvider : ExtensionIdProvider<SchedulerStart>
{
    public override SchedulerStart CreateExtension(ExtendedActorSystem system) => SchedulerStart.Start(system);
}
