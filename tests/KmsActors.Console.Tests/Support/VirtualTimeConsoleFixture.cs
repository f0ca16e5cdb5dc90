using Akka.Actor;
using Akka.TestKit;
using KmsActors.Kms.Engine;
using KmsActors.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace KmsActors.Console.Tests.Support;

/// <summary>The console's server with its actor system on Akka's TestScheduler (as the Server tests'
/// VirtualTimeServerFixture): the engine's clock moves only when a test says so, so import-token lifetimes and expiry
/// dates are crossed without waiting. The browser's own waits stay real time (rendering).</summary>
public sealed class VirtualTimeConsoleFixture : ConsoleFixture
{
    private readonly string _configFile = Path.Combine(Path.GetTempPath(), $"kms-console-test-{Guid.NewGuid():N}.conf");

    protected override string[] ServerArguments => ["--config", _configFile];

    public TestScheduler Scheduler => (TestScheduler)Server.Services.GetRequiredService<ActorSystem>().Scheduler;

    public override async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_configFile, "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"");
        await base.InitializeAsync();
    }

    /// <summary>Moves the engine's clock and returns once the engine has handled what fell due (a few rounds of "run
    /// what is due, then settle", through the TestKit's VirtualClock).</summary>
    public Task AdvanceAsync(TimeSpan by) => Clock.AdvanceAsync(by);

    /// <summary>The TestKit's clock over the server's actor system, settling on its engine.</summary>
    private VirtualClock Clock => _clock ??= VirtualClock.ForEngine(KmsEngine.Start(Server.Services.GetRequiredService<ActorSystem>()));

    private VirtualClock? _clock;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_configFile);
    }
}
