using Akka.Persistence.TestKit;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Services;
using KmsActors.TestKit;

namespace KmsActors.Kms.Tests.Persistence;

/// <summary>
/// A region whose write fails is stopped by Akka, and its key actors with it. Calls a key still held (waiting behind
/// its own write or, here, behind a slow vault: <see cref="GatedDataKeyStore"/>) come back as dead letters addressed to
/// the key; the engine hands them to the region started anew, which starts the key again (KmsEngineActor.Redelivery,
/// RegionStopping). The journal's fault comes from Akka.Persistence.TestKit (<see cref="FaultInjectingJournal"/>).
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
        _vaultGate.Close();

        // The rotation waits for the vault to store its new data key; the key holds the calls after it meanwhile.
        _ = _engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = held.KeyId }); // stopped in the vault: never answered
        await _vaultGate.Reached(HangGuard);
        var tagged = _engine.Send<EmptyResponse>(new TagResourceRequest { KeyId = held.KeyId, Tags = [new Tag { TagKey = "after", TagValue = "v" }] });
        var described = _engine.DescribeKey(new DescribeKeyRequest { KeyId = held.KeyId });
        // The region forwards both before it writes the alias, whose failure stops it and the held key with it.
        var aliasError = await Assert.ThrowsAsync<KmsException>(() => _engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/lost", TargetKeyId = target.KeyId }));
        Assert.Equal(KmsErrorCodes.KMSInternalException, aliasError.ErrorCode);
        _vaultGate.Open(); // the key started again opens its material through the vault

        await tagged.WaitAsync(HangGuard);
        Assert.Equal(held.Arn, (await described.WaitAsync(HangGuard)).KeyMetadata!.Arn);
        var tags = await _engine.Send<ListResourceTagsResponse>(new ListResourceTagsRequest { KeyId = held.KeyId });
        Assert.Equal(["after"], tags.Tags!.Select(t => t.TagKey));
        Assert.DoesNotContain("alias/lost", (await _engine.Send<ListAliasesResponse>(new ListAliasesRequest())).Aliases!.Select(a => a.AliasName));
    }
}
