using System.Collections;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Engine;
using Xunit.Abstractions;
using KmsActors.Kms.Settling;

namespace KmsActors.TestKit;

/// <summary>
/// Base class for KMS actor tests: Akka.TestKit.Xunit2's TestKit on the testkit HOCON profile (in-memory
/// journal, <see cref="TestScheduler"/> as the scheduler, small wrapping-key pools). Virtual time moves only
/// through <see cref="Advance"/>, so a 365-day expiry is tested in milliseconds and the same test gives the
/// same result every run.
/// </summary>
public abstract class KmsTestKit : Akka.TestKit.Xunit2.TestKit
{

    /// <param name="hocon">Extra HOCON over the testkit profile, e.g. <c>kms.journal.provider = sqlite</c>.</param>
    protected KmsTestKit(string? hocon = null, ITestOutputHelper? output = null)
        : base(CreateConfig(hocon), "kms-test", output)
    {
    }

    /// <summary>The configuration a KmsTestKit runs on: the testkit profile plus <paramref name="hocon"/>; the process environment is not read, so tests do not depend on the machine.</summary>
    public static Config CreateConfig(string? hocon = null) =>
        KmsConfiguration.Load(hocon, profiles: ["testkit"], environment: new Hashtable());

    private VirtualClock? _clock;

    /// <summary>The virtual clock: <see cref="Advance"/> and friends go through it.</summary>
    protected VirtualClock Clock => _clock ??= new VirtualClock(Sys, TimeSpan.FromSeconds(30));

    /// <summary>The virtual scheduler.</summary>
    protected TestScheduler Scheduler => Clock.Scheduler;

    /// <summary>The engine's "now": the virtual clock's time.</summary>
    protected DateTimeOffset EngineNow => Sys.Scheduler.Now;

    /// <summary>Actors <see cref="Advance"/> waits for. Each must answer <see cref="Settle"/> with <see cref="Settled"/> (engine, region and key actors do).</summary>
    protected void SettleOn(params IActorRef[] actors) => Clock.SettleOn(actors);

    /// <summary>
    /// Moves virtual time forward and returns only after the actors have handled what fell due, including
    /// what their handlers scheduled for times already passed (a timer re-armed on wake-up, a persist).
    /// </summary>
    protected void Advance(TimeSpan by) => Clock.AdvanceAsync(by).GetAwaiter().GetResult();

    /// <summary><see cref="Advance"/> without blocking a thread: prefer it in async tests on small machines, where a
    /// blocked test thread can starve the actors it waits for.</summary>
    protected Task AdvanceAsync(TimeSpan by) => Clock.AdvanceAsync(by);

    /// <summary><see cref="AdvanceTo"/> without blocking a thread.</summary>
    protected Task AdvanceToAsync(DateTimeOffset when) => Clock.AdvanceToAsync(when);

    /// <summary>Moves virtual time to <paramref name="when"/> (no-op if it is already past).</summary>
    protected void AdvanceTo(DateTimeOffset when) => Clock.AdvanceToAsync(when).GetAwaiter().GetResult();

    /// <summary>A caller acting as <paramref name="principalArn"/> (user, role, assumed-role session or root), to pass to
    /// any engine call: <c>engine.ImportKeyMaterial(request, As("arn:aws:iam::111122223333:role/app"))</c>. What it may
    /// do is what the key policy, kms.iam's identity policies and the key's grants allow it (docs/access-control.md).</summary>
    protected static CallerIdentity As(string principalArn) => CallerIdentity.Of(principalArn);

    /// <summary>Waits until every settle target has handled everything it was sent before.</summary>
    protected void Settle() => Clock.SettleAsync().GetAwaiter().GetResult();
}
