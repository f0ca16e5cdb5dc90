using Akka.Persistence.TestKit;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Tests.Persistence;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>
/// A key's or a region's write that the journal fails (its store broke: Akka stops the actor) or rejects (it refused the
/// event: the actor goes on), and a journal that cannot replay a key: the caller hears KMSInternalException, nothing it
/// was not told succeeded is kept, and later calls are served (KeyActor.PersistFailure, RegionActor.WriteFailure,
/// docs/akka-persistence.md). Faults come from Akka.Persistence.TestKit's journal (<see cref="FaultInjectingJournal"/>).
/// </summary>
public sealed class JournalFaultTests() : EngineTestBase(FaultInjectingJournal.Hocon + "\nkms.passivate-after = 1m")
{
    private ITestJournal Journal => FaultInjectingJournal.Of(Sys);

    private Task Tag(string keyId, string tag) =>
        Engine.Send<EmptyResponse>(new TagResourceRequest { KeyId = keyId, Tags = [new Tag { TagKey = tag, TagValue = "v" }] });

    private async Task<IEnumerable<string>> Tags(string keyId) =>
        (await Engine.Send<ListResourceTagsResponse>(new ListResourceTagsRequest { KeyId = keyId })).Tags!.Select(t => t.TagKey!);

    private async Task<IEnumerable<string>> AliasNames() =>
        (await Engine.Send<ListAliasesResponse>(new ListAliasesRequest())).Aliases!.Select(a => a.AliasName!);

    [Fact]
    public async Task a_create_key_whose_write_fails_gets_KMSInternalException_and_leaves_no_key_behind()
    {
        var before = (await Engine.CreateKey(new CreateKeyRequest { Description = "before" })).KeyMetadata!;
        await Journal.OnWrite.FailIf(FaultInjectingJournal.Once(FaultInjectingJournal.IsKeyEvent));

        var error = await Assert.ThrowsAsync<KmsException>(() => Engine.CreateKey(new CreateKeyRequest { Description = "lost" }));

        Assert.Equal(KmsErrorCodes.KMSInternalException, error.ErrorCode);
        var after = (await Engine.CreateKey(new CreateKeyRequest { Description = "after" })).KeyMetadata!;
        var listed = (await Engine.ListKeys(new ListKeysRequest())).Keys!.Select(k => k.KeyId);
        Assert.Equal(new[] { before.KeyId, after.KeyId }.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task a_failed_write_answers_KMSInternalException_keeps_nothing_and_the_key_started_again_serves_later_calls()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
        await Tag(key.KeyId!, "kept");
        await Journal.OnWrite.FailIf(FaultInjectingJournal.Once(FaultInjectingJournal.IsKeyEvent));

        var error = await Assert.ThrowsAsync<KmsException>(() => Tag(key.KeyId!, "lost"));

        Assert.Equal(KmsErrorCodes.KMSInternalException, error.ErrorCode);
        Assert.Equal(["kept"], await Tags(key.KeyId!));
        await Tag(key.KeyId!, "later");
        Assert.Equal(["kept", "later"], (await Tags(key.KeyId!)).Order(StringComparer.Ordinal));
        var blob = (await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [7, 7] })).CiphertextBlob;
        Assert.Equal([7, 7], (await Engine.Decrypt(new DecryptRequest { CiphertextBlob = blob })).Plaintext);
    }

    [Fact]
    public async Task a_rejected_write_answers_KMSInternalException_and_the_key_goes_on_as_it_was()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
        await Journal.OnWrite.RejectIf(FaultInjectingJournal.Once(FaultInjectingJournal.IsKeyEvent));

        var error = await Assert.ThrowsAsync<KmsException>(() => Engine.DisableKey(new DisableKeyRequest { KeyId = key.KeyId }));

        Assert.Equal(KmsErrorCodes.KMSInternalException, error.ErrorCode);
        Assert.True((await Describe(key.KeyId!)).Enabled);
        await Engine.DisableKey(new DisableKeyRequest { KeyId = key.KeyId });
        Assert.False((await Describe(key.KeyId!)).Enabled);
    }

    [Fact]
    public async Task a_key_whose_index_entry_cannot_be_written_is_never_announced_to_its_creator_who_hears_KMSInternalException()
    {
        var keyWrites = new List<string>();
        await Journal.OnWrite.FailIf(write =>
        {
            if (FaultInjectingJournal.IsKeyEvent(write))
                lock (keyWrites)
                    keyWrites.Add(write.PersistenceId);
            return FaultInjectingJournal.IsRegionEvent(write);
        });

        var noAnswer = await Record.ExceptionAsync(() => Engine.CreateKey(new CreateKeyRequest()));

        // Told at once that it failed, not left to time out.
        Assert.Equal(KmsErrorCodes.KMSInternalException, Assert.IsType<KmsException>(noAnswer).ErrorCode);
        // The key's own event was written: only its index entry failed, and that alone withheld the answer.
        Assert.Single(keyWrites);
        await Journal.OnWrite.Pass();
        Assert.Empty((await Engine.ListKeys(new ListKeysRequest())).Keys!);
    }

    [Fact]
    public async Task a_create_alias_whose_region_write_fails_gets_KMSInternalException_and_a_retry_creates_it()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
        await Journal.OnWrite.FailIf(FaultInjectingJournal.Once(FaultInjectingJournal.IsRegionEvent));

        var error = await Assert.ThrowsAsync<KmsException>(() => Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/lost", TargetKeyId = key.KeyId }));

        Assert.Equal(KmsErrorCodes.KMSInternalException, error.ErrorCode);
        Assert.DoesNotContain("alias/lost", await AliasNames());
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/lost", TargetKeyId = key.KeyId });
        Assert.Contains("alias/lost", await AliasNames());
        Assert.Equal(key.Arn, (await Engine.Encrypt(new EncryptRequest { KeyId = "alias/lost", Plaintext = [1] })).KeyId);
    }

    [Fact]
    public async Task calls_held_behind_a_failed_alias_write_are_answered_by_the_region_started_again()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
        await Journal.OnWrite.FailIf(FaultInjectingJournal.Once(FaultInjectingJournal.IsRegionEvent));

        // Sent together: the region holds the listing and the tagging behind the alias write, and Akka stops it when
        // the write fails; they reach the region started anew (KmsEngineActor.Redelivery), not the dead letters.
        var failed = Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/lost", TargetKeyId = key.KeyId });
        var listed = AliasNames();
        var tagged = Tag(key.KeyId!, "after");

        Assert.Equal(KmsErrorCodes.KMSInternalException, (await Assert.ThrowsAsync<KmsException>(() => failed)).ErrorCode);
        Assert.DoesNotContain("alias/lost", await listed);
        await tagged;
        Assert.Equal(["after"], await Tags(key.KeyId!));
    }

    [Fact]
    public async Task a_key_whose_replay_fails_once_is_started_again_and_its_call_is_answered()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
        await Tag(key.KeyId!, "kept");
        await AdvanceAsync(TimeSpan.FromMinutes(2)); // idle past kms.passivate-after: the key stops
        var replayed = 0;
        await Journal.OnRecovery.FailIf(write => FaultInjectingJournal.IsKeyEvent(write) && Interlocked.Increment(ref replayed) == 1);

        var tags = await Tags(key.KeyId!);

        // The call that started the key came back as a dead letter when its recovery failed, and the region started it again.
        Assert.Equal(["kept"], tags);
        Assert.True(Volatile.Read(ref replayed) > 1, "The key's journal was not replayed a second time.");
    }

    [Fact]
    public async Task a_key_whose_journal_cannot_be_replayed_answers_KMSInternalException_and_is_served_once_it_can()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
        await Tag(key.KeyId!, "kept");
        await AdvanceAsync(TimeSpan.FromMinutes(2)); // idle past kms.passivate-after: the key stops
        await Journal.OnRecovery.FailIf(FaultInjectingJournal.IsKeyEvent);

        var error = await Assert.ThrowsAsync<KmsException>(() => Tags(key.KeyId!));

        Assert.Equal(KmsErrorCodes.KMSInternalException, error.ErrorCode);
        Assert.Equal($"The request was rejected because an internal exception occurred: key {key.Arn} could not be started. The request can be retried.", error.Message);
        await Journal.OnRecovery.Pass();
        Assert.Equal(["kept"], await Tags(key.KeyId!));
    }
}
