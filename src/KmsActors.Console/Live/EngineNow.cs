using Akka.Actor;

namespace KmsActors.Console.Live;

/// <summary>The engine's "now", as the engine reads it (its actor system's scheduler: virtual under a TestScheduler
/// or the load simulation's clock), so times left are the ones the engine will act on, not the machine's.</summary>
public static class EngineNow
{
    public static DateTimeOffset Of(ActorSystem system) =>
        // Akka's real scheduler: the engine takes the same instant as UtcNow (KmsActors.Kms Services/EngineClock).
        system.Scheduler is HashedWheelTimerScheduler ? DateTimeOffset.UtcNow : system.Scheduler.Now;
}
