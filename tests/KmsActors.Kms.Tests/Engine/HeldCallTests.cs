using KmsActors.Kms.Audit;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Tests.Persistence;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>
/// Calls that arrive while a key's or a region's write is in flight wait for it (in the actor's own stash, not Akka's
/// internal one: docs/akka-persistence.md) and are answered after it, in order; each hold is bounded
/// (kms.max-held-calls-per-key, kms.max-held-calls-per-region): one call more is refused at once with
/// ThrottlingException, changes nothing and is audited. The journal's gate holds writes without a real wait
/// (<see cref="JournalGate"/> on Akka.Persistence.TestKit's journal).
/// </summary>
public sealed class HeldCallTests : EngineTestBase
{
    private static readonly byte[] Plaintext = [1, 2, 3];
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public HeldCallTests()
        : base(FaultInjectingJournal.Hocon + "\nkms.max-held-calls-per-key = 3\nkms.max-held-calls-per-region = 2\nkms.passivate-after = 1m") =>
        FaultInjectingJournal.Of(Sys).OnWrite.SetInterceptorAsync(Gate).GetAwaiter().GetResult();

    private JournalGate Gate { get; } = new();

    private Task<EncryptResponse> Encrypt(string keyId) => Engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = Plaintext });

    private static async Task<string> ErrorOf(Task call) => (await Assert.ThrowsAsync<KmsException>(() => call.WaitAsync(Wait))).ErrorCode;

    [Fact]
    public async Task encrypt_calls_sent_behind_a_disable_key_still_being_written_are_refused_once_it_is_durable()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!.KeyId!;
        Gate.Close();

        var disable = Engine.DisableKey(new DisableKeyRequest { KeyId = key });
        var encrypts = Enumerable.Range(0, 3).Select(_ => Encrypt(key)).ToList();
        await Task.Delay(50); // not a wait for the engine's clock: only lets the calls reach the key while its write waits
        Assert.All(encrypts, call => Assert.False(call.IsCompleted));
        Gate.Open();

        await disable.WaitAsync(Wait);
        foreach (var call in encrypts)
            Assert.Equal(KmsErrorCodes.DisabledException, await ErrorOf(call));
    }

    [Fact]
    public async Task a_call_beyond_the_keys_bound_is_refused_with_throttling_at_once_changes_nothing_and_is_audited()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!.KeyId!;
        Gate.Close();

        var disable = Engine.DisableKey(new DisableKeyRequest { KeyId = key });
        var tags = Enumerable.Range(0, 5).Select(i => Engine.Send<EmptyResponse>(new TagResourceRequest { KeyId = key, Tags = [new Tag { TagKey = $"t{i}", TagValue = "v" }] })).ToList();

        // Three wait behind the write; the fourth and fifth are answered while the write still waits.
        var refused = await Assert.ThrowsAsync<KmsException>(() => tags[3].WaitAsync(Wait));
        Assert.Equal(KmsErrorCodes.ThrottlingException, refused.ErrorCode);
        Assert.Equal("You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.", refused.Message);
        Assert.Equal(KmsErrorCodes.ThrottlingException, await ErrorOf(tags[4]));
        Assert.False(disable.IsCompleted);
        Gate.Open();

        await disable.WaitAsync(Wait);
        foreach (var tag in tags.Take(3))
            await tag.WaitAsync(Wait);
        var listed = (await Engine.Send<ListResourceTagsResponse>(new ListResourceTagsRequest { KeyId = key })).Tags!;
        Assert.Equal(["t0", "t1", "t2"], listed.Select(t => t.TagKey!).Order(StringComparer.Ordinal));
        await Audit.FlushAsync();
        var throttled = Audit.Records.Where(r => r.EventType == AuditRecord.ApiCall && r.ErrorCode == KmsErrorCodes.ThrottlingException).ToList();
        Assert.Equal(2, throttled.Count);
        Assert.All(throttled, r => Assert.Equal("TagResource", r.EventName));
    }

    [Fact]
    public async Task a_call_beyond_the_regions_bound_behind_an_alias_write_is_refused_with_throttling()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
        Gate.Close();

        var alias = Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/held", TargetKeyId = key.KeyId });
        var encrypts = Enumerable.Range(0, 4).Select(_ => Encrypt("alias/held")).ToList();

        Assert.Equal(KmsErrorCodes.ThrottlingException, await ErrorOf(encrypts[2]));
        Assert.Equal(KmsErrorCodes.ThrottlingException, await ErrorOf(encrypts[3]));
        Gate.Open();

        await alias.WaitAsync(Wait);
        foreach (var call in encrypts.Take(2))
            Assert.Equal(key.Arn, (await call.WaitAsync(Wait)).KeyId);
    }

    [Fact]
    public async Task a_call_beyond_the_bound_for_a_stopping_key_is_refused_with_throttling_and_the_held_ones_are_answered_after_its_restart()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!.KeyId!;
        Gate.Close();
        var disable = Engine.DisableKey(new DisableKeyRequest { KeyId = key });
        await Task.Delay(50); // lets DisableKey reach the key (its write waits at the gate) before the clock moves
        // Idle for passivate-after: the region tells the key to stop (it stops once its write is done) and holds its calls.
        Scheduler.Advance(TimeSpan.FromMinutes(2));

        var encrypts = Enumerable.Range(0, 5).Select(_ => Encrypt(key)).ToList();
        Assert.Equal(KmsErrorCodes.ThrottlingException, await ErrorOf(encrypts[3]));
        Assert.Equal(KmsErrorCodes.ThrottlingException, await ErrorOf(encrypts[4]));
        Gate.Open();

        await disable.WaitAsync(Wait);
        foreach (var call in encrypts.Take(3))
            Assert.Equal(KmsErrorCodes.DisabledException, await ErrorOf(call));
    }

    [Fact]
    public async Task a_rejected_write_answers_its_caller_with_KMSInternalException_and_the_calls_behind_it_go_on()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
        Gate.Close();
        Gate.RejectNextWriteOf("key-" + key.Arn);

        var disable = Engine.DisableKey(new DisableKeyRequest { KeyId = key.KeyId });
        var encrypts = Enumerable.Range(0, 3).Select(_ => Encrypt(key.KeyId!)).ToList();
        Gate.Open();

        Assert.Equal(KmsErrorCodes.KMSInternalException, await ErrorOf(disable));
        foreach (var call in encrypts)
            Assert.Equal(key.Arn, (await call.WaitAsync(Wait)).KeyId); // the key is still enabled: nothing was kept
        Assert.True((await Describe(key.KeyId!)).Enabled);
    }
}
