using Akka.Actor;

namespace KmsActors.Kms.Services;

/// <summary>
/// "Now" for the engine's actors, read from their actor system's scheduler (virtual under a TestScheduler or the load
/// simulation's clock). With Akka's real scheduler that is <see cref="DateTimeOffset.Now"/>, local time, whose zone
/// lookup costs more than the read itself; the same instant is taken as <see cref="DateTimeOffset.UtcNow"/> instead
/// (every call reads the clock at least once, in the region and in the key).
/// </summary>
internal static class EngineClock
{
    public static DateTimeOffset Now(IScheduler scheduler) =>
        scheduler is HashedWheelTimerScheduler ? DateTimeOffset.UtcNow : scheduler.Now;
}
