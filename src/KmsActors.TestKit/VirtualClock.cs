using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Settling;

namespace KmsActors.TestKit;

/// <summary>
/// Drives an actor system whose scheduler is Akka's <see cref="TestScheduler"/> (the testkit profile): moves
/// virtual time forward and waits until the actors it settles on have handled what fell due. Used by
/// <see cref="KmsTestKit"/>, the samples and virtual-time simulations.
/// </summary>
public sealed class VirtualClock
{
    private readonly List<IActorRef> _settleTargets = [];
    private readonly ConcurrentDictionary<IActorRef, bool> _terminated = new();
    private readonly IActorRef _watcher;
    private readonly TimeSpan _settleTimeout;

    public VirtualClock(ActorSystem system, TimeSpan? settleTimeout = null)
    {
        Scheduler = system.Scheduler as TestScheduler
            ?? throw new InvalidOperationException($"Virtual time needs akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\" (the testkit profile); this system runs {system.Scheduler.GetType().Name}.");
        _settleTimeout = settleTimeout ?? TimeSpan.FromSeconds(30);
        _watcher = system.ActorOf(Props.Create(() => new TerminationWatcher(_terminated)));
    }

    /// <summary>A clock over <paramref name="engine"/>'s actor system that settles on the engine (its regions and keys
    /// with it): what a test of an engine it did not start itself (a hosted server's, say) needs.</summary>
    public static VirtualClock ForEngine(KmsEngine engine, TimeSpan? settleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var clock = new VirtualClock(engine.System, settleTimeout);
        clock.SettleOn(engine.Actor);
        return clock;
    }

    public TestScheduler Scheduler { get; }

    /// <summary>The engine's "now".</summary>
    public DateTimeOffset Now => Scheduler.Now;

    /// <summary>Actors to wait for; each answers <see cref="Settle"/> with <see cref="Settled"/> (engine, region and key actors do).</summary>
    public void SettleOn(params IActorRef[] actors)
    {
        _settleTargets.AddRange(actors);
        foreach (var actor in actors)
            _watcher.Tell(actor);
    }

    /// <summary>
    /// Moves virtual time forward and returns once the actors have handled what fell due, including what their
    /// handlers scheduled for times already passed (a timer re-armed on wake-up, a persist, a follow-up message).
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(by), "Virtual time only moves forward.");
        Scheduler.Advance(by);
        await SettleAsync();
        // Handlers may schedule work at or before the new "now" (an expiry found overdue on wake-up, a timer
        // capped at its maximum delay and re-armed); a few rounds of "run what is due, then settle" drain it.
        for (var round = 0; round < 3; round++)
        {
            Scheduler.Advance(TimeSpan.Zero);
            await SettleAsync();
        }
    }

    /// <summary>Moves virtual time to <paramref name="when"/> (no-op if it is already past).</summary>
    public Task AdvanceToAsync(DateTimeOffset when)
    {
        var by = when - Now;
        return AdvanceAsync(by > TimeSpan.Zero ? by : TimeSpan.Zero);
    }

    /// <summary>Waits until every settle target has handled everything it was sent before.</summary>
    public async Task SettleAsync()
    {
        foreach (var target in _settleTargets)
        {
            // A target that has stopped (a deleted key, a passivated actor) has nothing left to settle.
            if (_terminated.ContainsKey(target))
                continue;
            await target.Ask<Settled>(Settle.Instance, _settleTimeout);
        }
    }

    private sealed class TerminationWatcher : ReceiveActor
    {
        public TerminationWatcher(ConcurrentDictionary<IActorRef, bool> terminated)
        {
            Receive<IActorRef>(actor => Context.Watch(actor));
            Receive<Terminated>(t => terminated[t.ActorRef] = true);
        }
    }
}
