using Akka.Actor;
using Akka.Persistence;
using KmsActors.Kms.Persistence;
using KmsActors.Kms.Settling;

namespace KmsActors.TestKit.Tests.Foundation;

/// <summary>
/// The smallest actor shaped like a key actor: persistent, reads "now" from the scheduler, arms a timer from its
/// state (also after recovery) and persists an event when it fires. Proves the ground the engine stands on.
/// </summary>
public sealed class ReminderActor : ReceivePersistentActor, IWithTimers
{
    public sealed record Arm(TimeSpan After);
    public sealed record GetState;
    public sealed record State(DateTimeOffset? DueAt, IReadOnlyList<DateTimeOffset> FiredAt);

    [PersistedAs("ReminderArmed")]
    public sealed record Armed(DateTimeOffset DueAt) : IKmsPersistentMessage;

    [PersistedAs("ReminderFired")]
    public sealed record Fired(DateTimeOffset At) : IKmsPersistentMessage;

    private sealed record Due;

    private DateTimeOffset? _dueAt;
    private readonly List<DateTimeOffset> _firedAt = [];

    public ReminderActor(string id)
    {
        PersistenceId = "reminder-" + id;

        Recover<Armed>(e => _dueAt = e.DueAt);
        Recover<Fired>(e => { _firedAt.Add(e.At); _dueAt = null; });
        Recover<RecoveryCompleted>(_ => ArmTimer());

        Command<Arm>(arm => Persist(new Armed(Context.System.Scheduler.Now + arm.After), e =>
        {
            _dueAt = e.DueAt;
            ArmTimer();
            Sender.Tell(e);
        }));
        Command<Due>(_ =>
        {
            if (_dueAt is { } due && due <= Context.System.Scheduler.Now)
                Persist(new Fired(Context.System.Scheduler.Now), e => { _firedAt.Add(e.At); _dueAt = null; });
            else
                ArmTimer();
        });
        Command<GetState>(_ => Sender.Tell(new State(_dueAt, _firedAt.ToList())));
        Command<Settle>(_ => Sender.Tell(Settled.Instance));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    private void ArmTimer()
    {
        if (_dueAt is { } due)
            Timers.StartSingleTimer("due", new Due(), Max(due - Context.System.Scheduler.Now, TimeSpan.Zero));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public static Props Props(string id) => Akka.Actor.Props.Create(() => new ReminderActor(id));
}
