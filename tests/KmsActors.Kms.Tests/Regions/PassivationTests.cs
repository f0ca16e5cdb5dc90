using Akka.Actor;
using KmsActors.Kms.Model;
using KmsActors.Kms.Settling;

namespace KmsActors.Kms.Tests.Regions;

public sealed class PassivationTests : RegionTestBase
{
    private async Task Passivate(string keyId)
    {
        var key = await KeyActor(keyId);
        Watch(key);
        // The region stops a key idle for kms.passivate-after (2m), checking every half window.
        Scheduler.Advance(TimeSpan.FromMinutes(3));
        ExpectTerminated(key);
        KeyEvents.FishForMessage(m => m is FakeStopped stopped && stopped.KeyId == keyId);
        await Engine.Settle();
    }

    [Fact]
    public async Task a_passivated_key_is_started_again_for_the_next_call()
    {
        var keyId = await CreateKey();
        await Passivate(keyId);

        var handled = await Call(new DescribeKeyRequest { KeyId = keyId });

        Assert.Equal(keyId, handled.KeyId);
        KeyEvents.FishForMessage(m => m is FakeStarted started && started.KeyId == keyId);
    }

    [Fact]
    public async Task a_key_called_within_the_idle_window_keeps_running_and_stops_once_idle_for_it()
    {
        var keyId = await CreateKey();
        var key = await KeyActor(keyId);
        Watch(key);

        Scheduler.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(keyId, (await Call(new DescribeKeyRequest { KeyId = keyId })).KeyId);
        Scheduler.Advance(TimeSpan.FromSeconds(90)); // 3 minutes since CreateKey, 90 s since the last call
        await Engine.Settle();
        ExpectNoMsg(TimeSpan.Zero);
        Assert.Equal(key, await KeyActor(keyId));

        Scheduler.Advance(TimeSpan.FromSeconds(60)); // idle for 2.5 minutes at the sweep of minute 4
        ExpectTerminated(key);
    }


    [Fact]
    public async Task a_passivated_key_is_woken_at_its_due_date_under_virtual_time()
    {
        var start = Scheduler.Now;
        var keyId = await CreateKey(description: "due=10");
        await Passivate(keyId);
        await SettledKeyEvents();

        Scheduler.Advance(TimeSpan.FromDays(9));
        Assert.Empty(await SettledKeyEvents());
        Scheduler.Advance(start.AddDays(10) - Scheduler.Now);

        var woke = KeyEvents.FishForMessage<FakeWoke>(m => m is FakeWoke);
        Assert.Equal((keyId, start.AddDays(10)), (woke.KeyId, woke.At));
    }

    [Fact]
    public async Task a_due_date_beyond_30_days_is_reached_by_rearming_the_timer()
    {
        var start = Scheduler.Now;
        var keyId = await CreateKey(description: "due=100");
        await Passivate(keyId);
        await SettledKeyEvents();

        for (var day = 0; day < 99; day += 33)
        {
            Scheduler.Advance(TimeSpan.FromDays(33));
            await Engine.Settle();
        }
        Assert.Empty(await SettledKeyEvents());
        Scheduler.Advance(start.AddDays(100) - Scheduler.Now);

        var woke = KeyEvents.FishForMessage<FakeWoke>(m => m is FakeWoke);
        Assert.Equal(start.AddDays(100), woke.At);
    }

    [Fact]
    public async Task a_key_deleted_at_the_end_of_its_waiting_period_leaves_list_keys_and_takes_its_aliases()
    {
        var keyId = await CreateKey();
        var kept = await CreateKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/gone", TargetKeyId = keyId });
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/kept", TargetKeyId = kept });
        await Call(new ScheduleKeyDeletionRequest { KeyId = keyId, PendingWindowInDays = 7 });
        await Engine.Settle();
        await Passivate(keyId);

        Scheduler.Advance(TimeSpan.FromDays(7));
        KeyEvents.FishForMessage(m => m is FakeWoke);
        await Engine.Settle();

        Assert.Equal([kept], (await Engine.ListKeys(new ListKeysRequest())).Keys!.Select(k => k.KeyId));
        Assert.Equal(["alias/kept"], (await Engine.ListAliases(new ListAliasesRequest())).Aliases!.Select(a => a.AliasName));
    }

    [Fact]
    public async Task the_region_recovers_its_keys_and_aliases_from_its_journal()
    {
        var keyId = await CreateKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = keyId });
        var region = await RegionActorRef();
        Watch(region);
        region.Tell(PoisonPill.Instance);
        ExpectTerminated(region);

        Assert.Equal([keyId], (await Engine.ListKeys(new ListKeysRequest())).Keys!.Select(k => k.KeyId));
        Assert.Equal(keyId, (await Call(new DescribeKeyRequest { KeyId = "alias/app" })).KeyId);
    }

    [Fact]
    public async Task settle_answers_once_every_live_key_has_settled()
    {
        await CreateKey();
        await CreateKey(region: "eu-west-1");
        var settled = await Engine.Actor.Ask<Settled>(Settle.Instance, TimeSpan.FromSeconds(3));
        Assert.Same(Settled.Instance, settled);
    }
}

/// <summary>kms.passivate-after = 0 turns idle passivation off.</summary>
public sealed class IdlePassivationOffTests() : RegionTestBase("kms.passivate-after = 0s")
{
    [Fact]
    public async Task an_idle_key_keeps_running()
    {
        var keyId = await CreateKey();
        var key = await KeyActor(keyId);
        Watch(key);

        Scheduler.Advance(TimeSpan.FromDays(1));
        await Engine.Settle();

        ExpectNoMsg(TimeSpan.Zero);
        Assert.Equal(key, await KeyActor(keyId));
    }
}

/// <summary>The region snapshots its index every kms.snapshot-every events and recovers from it.</summary>
public sealed class RegionSnapshotTests() : RegionTestBase("kms.snapshot-every = 2")
{
    [Fact]
    public async Task the_region_recovers_from_a_snapshot_plus_later_events()
    {
        var keys = new List<string>();
        for (var i = 0; i < 3; i++)
            keys.Add(await CreateKey());
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = keys[0] });
        var region = await RegionActorRef();
        Watch(region);
        region.Tell(PoisonPill.Instance);
        ExpectTerminated(region);

        Assert.Equal(keys.Order(StringComparer.Ordinal), (await Engine.ListKeys(new ListKeysRequest())).Keys!.Select(k => k.KeyId));
        Assert.Equal(keys[0], Assert.Single((await Engine.ListAliases(new ListAliasesRequest())).Aliases!).TargetKeyId);
    }
}
