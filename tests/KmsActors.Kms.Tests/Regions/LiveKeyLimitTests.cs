using Akka.Actor;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Regions;

/// <summary>kms.max-live-keys: starting a key beyond the limit passivates the least recently delivered one, which
/// restarts on its next message and is woken by the region at its due dates like an idle key.</summary>
public sealed class LiveKeyLimitTests() : RegionTestBase("kms.max-live-keys = 3")
{
    /// <summary>The keys among <paramref name="keyIds"/> whose actor runs (Identify: a stopped key does not answer).</summary>
    private async Task<IReadOnlyList<string>> Alive(IEnumerable<string> keyIds)
    {
        var alive = new List<string>();
        foreach (var keyId in keyIds)
        {
            var identity = await Sys.ActorSelection($"/user/kms/{Account}-{Region}/{keyId}").Ask<ActorIdentity>(new Identify(keyId), TimeSpan.FromSeconds(3));
            if (identity.Subject is not null)
                alive.Add(keyId);
        }
        return alive;
    }

    [Fact]
    public async Task at_most_the_limit_of_key_actors_run_while_ten_keys_are_used_round_robin()
    {
        var keys = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            keys.Add(await CreateKey());
            Assert.InRange((await Alive(keys)).Count, 1, 3);
        }

        for (var round = 0; round < 3; round++)
        {
            foreach (var keyId in keys)
            {
                Assert.Equal(keyId, (await Call(new DescribeKeyRequest { KeyId = keyId })).KeyId);
                await Engine.Settle();
                var alive = await Alive(keys);
                Assert.InRange(alive.Count, 1, 3);
                Assert.Contains(keyId, alive);
            }
        }
        Assert.Equal(keys[^3..], await Alive(keys));
    }

    [Fact]
    public async Task the_least_recently_delivered_key_is_passivated_not_the_oldest_started()
    {
        var (a, b, c) = (await CreateKey(), await CreateKey(), await CreateKey());
        await Call(new DescribeKeyRequest { KeyId = a });

        var d = await CreateKey();

        Assert.Equal([a, c, d], await Alive([a, b, c, d]));
        KeyEvents.FishForMessage(m => m is FakeStopped stopped && stopped.KeyId == b);
    }

    [Fact]
    public async Task a_call_for_a_key_being_passivated_by_the_limit_waits_for_it_and_restarts_it()
    {
        var (a, b, c) = (await CreateKey(), await CreateKey(), await CreateKey());
        await SettledKeyEvents();

        var create = Engine.CreateKey(new CreateKeyRequest()); // starts a fourth key: a is told to stop
        var handled = await Call(new DescribeKeyRequest { KeyId = a }); // reaches the region while a is stopping
        var d = (await create).KeyMetadata!.KeyId!;
        await Engine.Settle();

        Assert.Equal(a, handled.KeyId);
        KeyEvents.FishForMessage(m => m is FakeStopped stopped && stopped.KeyId == a);
        KeyEvents.FishForMessage(m => m is FakeStarted started && started.KeyId == a);
        Assert.Equal([a, c, d], await Alive([a, b, c, d]));
    }

    [Fact]
    public async Task a_key_passivated_by_the_limit_is_woken_at_its_due_date()
    {
        var start = Scheduler.Now;
        var due = await CreateKey(description: "due=10");
        var others = new[] { await CreateKey(), await CreateKey(), await CreateKey() };
        KeyEvents.FishForMessage(m => m is FakeStopped stopped && stopped.KeyId == due);
        Assert.Equal(others, await Alive([due, .. others]));
        await SettledKeyEvents();

        Scheduler.Advance(TimeSpan.FromDays(9)); // the other keys stop for idleness meanwhile
        Assert.DoesNotContain(await SettledKeyEvents(), m => m is FakeWoke);
        Scheduler.Advance(start.AddDays(10) - Scheduler.Now);

        var woke = KeyEvents.FishForMessage<FakeWoke>(m => m is FakeWoke);
        Assert.Equal((due, start.AddDays(10)), (woke.KeyId, woke.At));
    }
}
