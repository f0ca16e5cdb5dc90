using Akka.Actor;

namespace KmsActors.Kms.Realism;

/// <summary>
/// A fixed delay per operation before the engine sees a call, as a network round trip to KMS would add. The delay
/// is a timer on the actor system's scheduler (never a blocked thread), so on virtual time it passes when the
/// simulation advances the clock.
/// </summary>
public sealed class InjectedLatency
{
    private readonly IScheduler _scheduler;
    private readonly RealismSettings _settings;

    public InjectedLatency(IScheduler scheduler, RealismSettings settings)
    {
        _scheduler = scheduler;
        _settings = settings;
    }

    public TimeSpan DelayOf(string operation) =>
        _settings.OperationLatency.TryGetValue(operation, out var delay) ? delay : _settings.DefaultLatency;

    /// <summary>Completes after the operation's delay; at once for no delay.</summary>
    public Task Delay(string operation, CancellationToken ct)
    {
        var delay = DelayOf(operation);
        if (delay <= TimeSpan.Zero)
            return Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelable = new Cancelable(_scheduler);
        _scheduler.Advanced.ScheduleOnce(delay, () => done.TrySetResult(), cancelable);
        if (ct.CanBeCanceled)
            ct.Register(() => { cancelable.Cancel(); done.TrySetCanceled(ct); });
        return done.Task;
    }
}
