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
/// engine hands both to the region started anew, which starts the key again (KmsEngineActor.Redelivery). The journal's
/// fault comes from Akka.Persistence.TestKit (<see cref="FaultInjectingJournal"/>).
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
        var heldActor = await HoldInTheVault(held);

        // The key holds the calls after its rotation meanwhile; the region forwards them before it writes the alias,
        // whose failure stops it and the held key with it.
        await FailTheRegionWithCallsFor(held, heldActor, target);
    }

    [Fact]
    public async Task calls_the_region_buffered_for_a_stopping_key_when_it_stopped_after_a_failed_write_are_answered_by_the_key_started_again()
    {
        var held = (await _engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
        // Without material, so passivated with the rest it starts again for the alias without opening a data key in the vault.
        var target = (await _engine.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata!;
        var heldActor = await HoldInTheVault(held);

        // Idle past kms.passivate-after (2m): the region tells the key to stop, which it cannot before the vault answers,
        // so the region buffers the key's next calls. Not AdvanceAsync: it would wait for the held key to settle.
        Clock.Scheduler.Advance(TimeSpan.FromMinutes(3));
        await _engine.GenerateRandom(new GenerateRandomRequest { NumberOfBytes = 1 }); // the region has swept by now

        // The region hands its buffer to the engine as it stops (RegionStopping): the key started again answers it.
        await FailTheRegionWithCallsFor(held, heldActor, target);
    }

    /// <summary>Arms the region's next write to fail, and holds <paramref name="held"/> in the vault: its rotation waits
    /// there to store its new data key (and is never answered); returns the key's actor, watched.</summary>
    private async Task<IActorRef> HoldInTheVault(KeyMetadata held)
    {
        await FaultInjectingJournal.Of(Sys).OnWrite.FailIf(FaultInjectingJournal.Once(FaultInjectingJournal.IsRegionEvent));
        var heldActor = await KeyActorOf(held.KeyId!);
        _vaultGate.Close();
        _ = _engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = held.KeyId });
        await _vaultGate.Reached(HangGuard);
        return heldActor;
    }

    /// <summary>Calls <paramref name="held"/> (a tagging and a DescribeKey), fails an alias write on
    /// <paramref name="target"/> so the region stops with its keys, opens the vault once the held key has stopped (so
    /// its rotation ends with it) and checks that the calls are answered by the key started again.</summary>
    private async Task FailTheRegionWithCallsFor(KeyMetadata held, IActorRef heldActor, KeyMetadata target)
    {
        var tagged = _engine.Send<EmptyResponse>(new TagResourceRequest { KeyId = held.KeyId, Tags = [new Tag { TagKey = "after", TagValue = "v" }] });
        var described = _engine.DescribeKey(new DescribeKeyRequest { KeyId = held.KeyId });
        var aliasError = await Assert.ThrowsAsync<KmsException>(() => _engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/lost", TargetKeyId = target.KeyId }));
        Assert.Equal(KmsErrorCodes.KMSInternalException, aliasError.ErrorCode);
        await ExpectTerminatedAsync(heldActor, HangGuard);
        _vaultGate.Open(); // the key started again opens its material through the vault

        await tagged.WaitAsync(HangGuard);
        Assert.Equal(held.Arn, (await described.WaitAsync(HangGuard)).KeyMetadata!.Arn);
        var tags = await _engine.Send<ListResourceTagsResponse>(new ListResourceTagsRequest { KeyId = held.KeyId });
        Assert.Equal(["after"], tags.Tags!.Select(t => t.TagKey));
        Assert.Empty((await _engine.Send<ListKeyRotationsResponse>(new ListKeyRotationsRequest { KeyId = held.KeyId })).Rotations!);
        Assert.DoesNotContain("alias/lost", (await _engine.Send<ListAliasesResponse>(new ListAliasesRequest())).Aliases!.Select(a => a.AliasName));
    }

    /// <summary>The running actor of a key of the default account and region, watched by the test.</summary>
    private async Task<IActorRef> KeyActorOf(string keyId)
    {
        var region = $"{Uri.EscapeDataString(_engine.DefaultCaller.AccountId)}-{_engine.DefaultRegion}";
        var actor = await Sys.ActorSelection($"/user/{KmsEngineActor.Name}/{region}/{keyId}").ResolveOne(HangGuard);
        Watch(actor);
        return actor;
    }
}
