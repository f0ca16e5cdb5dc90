using Akka.Actor;
using Akka.Persistence.TestKit;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Routing;
using KmsActors.Kms.Services;
using KmsActors.TestKit;

namespace KmsActors.Kms.Tests.Persistence;

/// <summary>
/// A region whose write fails is stopped by Akka, and its key actors with it. Calls a key still held (waiting behind
/// its own write or, here, behind a slow vault: <see cref="GatedDataKeyStore"/>) come back as dead letters addressed to
/// the key, and calls the region buffered for a key that was stopping go with the region's notice (RegionStopping); the
/// engine hands both to the region started anew, which starts the key again (KmsEngineActor.Redelivery). The journal's fault comes from Akka.Persistence.TestKit (<see cref="FaultInjectingJournal"/>).
/// </summary>
public sealed class FailedRegionWriteTests : KmsTestKit
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);
    private readonly Gate _vaultGate = new();
    private readonly KmsEngine _engine;

    public FailedRegionWriteTests()
        : base(FaultInjectingJournal.Hocon + "\nkms.import.pool { RSA_2048 = 0, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }")
    {
        Sys.RegisterExtension(new KmsServicesProvider(new KmsServiceOverrides { DataKeyStore = new GatedDataKeyStore(_vaultGate) }));
        _engine = KmsEngine.Start(Sys);
        SettleOn(_engine.Actor);
    }

    [Fact]
    public async Task calls_a_key_holds_when_its_region_stops_after_a_failed_write_are_answered_by_the_key_started_again()
    {
        var held = (await _engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
        var target = (await _engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
        await FaultInjectingJournal.Of(Sys).OnWrite.FailIf(FaultInjectingJournal.Once(FaultInjectingJournal.IsRegionEvent));
        var heldActor = await KeyActorOf(held.KeyId!);
        _vaultGate.Close();

        // The rotation waits for the vault to store its new data key; the key holds the calls after it meanwhile.
        _ = _engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = held.KeyId }); // stopped in the vault: never answered
        await _vaultGate.Reached(HangGuard);
        var tagged = _engine.Send<EmptyResponse>(new TagResourceRequest { KeyId = held.KeyId, Tags = [new Tag { TagKey = "after", TagValue = "v" }] });
        var described = _engine.DescribeKey(new DescribeKeyRequest { KeyId = held.KeyId });
        // The region forwards both before it writes the alias, whose failure stops it and the held key with it.
        var aliasError = await Assert.ThrowsAsync<KmsException>(() => _engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/lost", TargetKeyId = target.KeyId }));
        Assert.Equal(KmsErrorCodes.KMSInternalException, aliasError.ErrorCode);
        await ExpectTerminatedAsync(heldActor, HangGuard); // before the vault answers it: the rotation ends with it
        _vaultGate.Open(); // the key started again opens its material through the vault

        await tagged.WaitAsync(HangGuard);
        Assert.Equal(held.Arn, (await described.WaitAsync(HangGuard)).KeyMetadata!.Arn);
        await AssertServedAfterTheFailure(held);
    }

    [Fact]
    public async Task calls_the_region_buffered_for_a_stopping_key_when_it_stopped_after_a_failed_write_are_answered_by_the_key_started_again()
    {
        var held = (await _engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
        // Without material, so passivated with the rest it starts again for the alias without opening a data key in the vault.
        var target = (await _engine.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata!;
        await FaultInjectingJournal.Of(Sys).OnWrite.FailIf(FaultInjectingJournal.Once(FaultInjectingJournal.IsRegionEvent));
        var heldActor = await KeyActorOf(held.KeyId!);
        _vaultGate.Close();
        _ = _engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = held.KeyId }); // stopped in the vault: never answered
        await _vaultGate.Reached(HangGuard);

        // Idle past kms.passivate-after (2m): the region tells the key to stop, which it cannot before the vault answers,
        // so the region buffers the key's next calls. Not AdvanceAsync: it would wait for the held key to settle.
        Clock.Scheduler.Advance(TimeSpan.FromMinutes(3));
        await _engine.GenerateRandom(new GenerateRandomRequest { NumberOfBytes = 1 }); // the region has swept by now
        var tagged = _engine.Send<EmptyResponse>(new TagResourceRequest { KeyId = held.KeyId, Tags = [new Tag { TagKey = "after", TagValue = "v" }] });
        var described = _engine.DescribeKey(new DescribeKeyRequest { KeyId = held.KeyId });
        var aliasError = await Assert.ThrowsAsync<KmsException>(() => _engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/lost", TargetKeyId = target.KeyId }));
        Assert.Equal(KmsErrorCodes.KMSInternalException, aliasError.ErrorCode);
        await ExpectTerminatedAsync(heldActor, HangGuard);
        _vaultGate.Open();

        // The region handed its buffer to the engine as it stopped (RegionStopping): the key started again answers it.
        await tagged.WaitAsync(HangGuard);
        Assert.Equal(held.Arn, (await described.WaitAsync(HangGuard)).KeyMetadata!.Arn);
        await AssertServedAfterTheFailure(held);
    }

    /// <summary>The running actor of a key of the default account and region, watched by the test.</summary>
    private async Task<IActorRef> KeyActorOf(string keyId)
    {
        var region = $"{Uri.EscapeDataString(_engine.DefaultCaller.AccountId)}-{_engine.DefaultRegion}";
        var actor = await Sys.ActorSelection($"/user/{KmsEngineActor.Name}/{region}/{keyId}").ResolveOne(HangGuard);
        Watch(actor);
        return actor;
    }

    /// <summary>The held tagging is the key's only tag, the rotation stopped in the vault left nothing, and the failed
    /// alias does not exist.</summary>
    private async Task AssertServedAfterTheFailure(KeyMetadata held)
    {
        var tags = await _engine.Send<ListResourceTagsResponse>(new ListResourceTagsRequest { KeyId = held.KeyId });
        Assert.Equal(["after"], tags.Tags!.Select(t => t.TagKey));
        Assert.Empty((await _engine.Send<ListKeyRotationsResponse>(new ListKeyRotationsRequest { KeyId = held.KeyId })).Rotations!);
        Assert.DoesNotContain("alias/lost", (await _engine.Send<ListAliasesResponse>(new ListAliasesRequest())).Aliases!.Select(a => a.AliasName));
    }
}
