using Akka.Actor;
using KmsActors.TestKit;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>The simulation's notion of waiting: real time, or moving the engine's virtual clock.</summary>
/// <param name="latencyAdvance">On virtual time, how far to move the clock before awaiting calls, so that injected
/// latency (timers on the engine's scheduler) elapses; zero when kms.realism.latency is off.</param>
public sealed class SimClock(ActorSystem system, VirtualClock? clock, TimeSpan latencyAdvance)
{
    public bool Virtual => clock is not null;

    public DateTimeOffset Now => system.Scheduler.Now;

    /// <summary>How far <see cref="AwaitCalls"/> moves virtual time.</summary>
    public TimeSpan LatencyAdvance => clock is null ? TimeSpan.Zero : latencyAdvance;

    /// <summary>Lets <paramref name="span"/> pass: Task.Delay on real time, an advance (and settle) on virtual time.</summary>
    public Task Pass(TimeSpan span) => clock is null ? Task.Delay(span) : clock.AdvanceAsync(span);

    /// <summary>Awaits calls already sent; on virtual time first lets their injected latency pass.</summary>
    public async Task<T> AwaitCalls<T>(Task<T> calls)
    {
        await AwaitCalls((Task)calls).ConfigureAwait(false);
        return await calls.ConfigureAwait(false);
    }

    /// <inheritdoc cref="AwaitCalls{T}(Task{T})"/>
    public async Task AwaitCalls(Task calls)
    {
        if (LatencyAdvance > TimeSpan.Zero)
            await Pass(LatencyAdvance).ConfigureAwait(false);
        await calls.ConfigureAwait(false);
    }
}
