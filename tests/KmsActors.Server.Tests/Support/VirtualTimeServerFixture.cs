using Akka.Actor;
using Akka.TestKit;
using KmsActors.Kms.Engine;
using KmsActors.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace KmsActors.Server.Tests.Support;

/// <summary>A server with the real engine whose actor system runs Akka's TestScheduler: the engine clock moves only when told.</summary>
public sealed class VirtualTimeServerFixture : EngineServerFixture
{
    protected override string Hocon => "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"";

    /// <summary>The engine's scheduler; <see cref="TestScheduler.Advance(TimeSpan)"/> moves the engine's "now".</summary>
    public TestScheduler Scheduler => (TestScheduler)Server.Services.GetRequiredService<ActorSystem>().Scheduler;

    /// <summary>Moves the engine's clock by <paramref name="by"/> and returns once the engine has handled what fell due,
    /// and what that set off between related keys (a replica created, a primary's change delivered): a few rounds of
    /// "run what is due, then settle", through the TestKit's VirtualClock.</summary>
    public Task AdvanceAsync(TimeSpan by) => Clock.AdvanceAsync(by);

    /// <summary>The TestKit's clock over the server's actor system, settling on its engine.</summary>
    private VirtualClock Clock => _clock ??= VirtualClock.ForEngine(KmsEngine.Start(Server.Services.GetRequiredService<ActorSystem>()));

    private VirtualClock? _clock;
}
