using Akka.Configuration;
using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.TestKit;

namespace KmsActors.Kms.Tests.Regions;

/// <summary>Engine + regions with fake key actors, on virtual time (TestScheduler).</summary>
public abstract class RegionTestBase : Akka.TestKit.Xunit2.TestKit
{
    public const string Account = "111122223333";
    public const string Region = "us-east-1";

    protected RegionTestBase(string? hostConfig = null)
        : base(TestConfig(hostConfig))
    {
        KeyEvents = CreateTestProbe();
        Engine = KmsEngine.Start(Sys, (account, region, keyId) => FakeKeyActor.Props(keyId, account, region, Store, KeyEvents), TimeSpan.FromSeconds(10));
    }

    /// <summary>The testkit profile (in-memory journal, TestScheduler) with the test's own HOCON over it.</summary>
    public static Config TestConfig(string? hostConfig = null) => KmsTestKit.CreateConfig(hostConfig);

    protected ConcurrentDictionary<string, FakeKeyState> Store { get; } = new();
    /// <summary>FakeStarted / FakeStopped / FakeWoke from the fake key actors.</summary>
    protected TestProbe KeyEvents { get; }
    protected KmsEngine Engine { get; }
    protected TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    protected static string KeyArn(string keyId, string region = Region, string account = Account) => $"arn:aws:kms:{region}:{account}:key/{keyId}";
    protected static string AliasArn(string alias, string region = Region) => $"arn:aws:kms:{region}:{Account}:{alias}";

    protected async Task<string> CreateKey(string? description = null, KeySpec? spec = null, KeyUsageType? usage = null, string? region = null, bool multiRegion = false)
    {
        var created = await Engine.CreateKey(new CreateKeyRequest { Description = description, KeySpec = spec, KeyUsage = usage, MultiRegion = multiRegion }, region: region);
        await Engine.Settle();
        return created.KeyMetadata!.KeyId!;
    }

    protected Task<FakeHandled> Call(object request, string? region = null) => Engine.Send<FakeHandled>(request, region: region);

    /// <summary>What the key actors reported until everything sent to the engine so far has been handled (the engine's
    /// Settle): no wait on the wall clock, so "nothing happened" is decided, not guessed after a pause.</summary>
    protected async Task<IReadOnlyList<object>> SettledKeyEvents()
    {
        await Engine.Settle();
        return KeyEvents.ReceiveWhile(TimeSpan.Zero, m => m);
    }

    protected async Task<KmsException> Refused(Func<Task> call) => await Assert.ThrowsAsync<KmsException>(call);

    protected Task<IActorRef> KeyActor(string keyId, string region = Region) =>
        Sys.ActorSelection($"/user/kms/{Account}-{region}/{keyId}").ResolveOne(TimeSpan.FromSeconds(3));

    protected Task<IActorRef> RegionActorRef(string region = Region) =>
        Sys.ActorSelection($"/user/kms/{Account}-{region}").ResolveOne(TimeSpan.FromSeconds(3));
}
