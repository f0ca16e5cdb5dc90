using Akka.Actor;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;
using EmptyResponse = KmsActors.Kms.Keys.EmptyResponse;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>UpdatePrimaryRegion through the engine (docs/multi-region-keys.md): the replica in PrimaryRegion becomes the
/// primary, the old primary its replica, the other replicas follow; both moving keys are Updating for
/// kms.multi-region.update-primary-region-delay (here 5 s), then Enabled.</summary>
public sealed class UpdatePrimaryRegionTests() : EngineTestBase("kms.multi-region.update-primary-region-delay = 5s")
{
    private const string ApSoutheast2 = "ap-southeast-2";
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);

    private static string ArnIn(string region, string keyId) => $"arn:aws:kms:{region}:111122223333:key/{keyId}";

    private Task Move(string keyId, string primaryRegion, string? region = null) =>
        Engine.Send<EmptyResponse>(new UpdatePrimaryRegionRequest { KeyId = keyId, PrimaryRegion = primaryRegion }, region: region);

    private async Task<string> PrimaryWithReplicas(params string[] regions)
    {
        var primary = (await Engine.CreateKey(new CreateKeyRequest { MultiRegion = true })).KeyMetadata!;
        foreach (var region in regions)
            await Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = region });
        await ReplicaCreation();
        return primary.KeyId!;
    }

    private async Task<MultiRegionConfiguration> Configuration(string keyId, string region) =>
        (await Describe(keyId, region)).MultiRegionConfiguration!;

    [Fact]
    public async Task the_replica_in_primary_region_becomes_the_primary_and_every_related_key_shows_it()
    {
        var keyId = await PrimaryWithReplicas(EuWest1, ApSoutheast2);

        await Move(ArnIn(UsEast1, keyId), EuWest1);

        var newPrimary = await Configuration(keyId, EuWest1);
        Assert.Equal(MultiRegionKeyType.PRIMARY, newPrimary.MultiRegionKeyType);
        Assert.Equal(ArnIn(EuWest1, keyId), newPrimary.PrimaryKey!.Arn);
        Assert.Equal(EuWest1, newPrimary.PrimaryKey.Region);
        Assert.Equal([ArnIn(UsEast1, keyId), ArnIn(ApSoutheast2, keyId)], newPrimary.ReplicaKeys!.Select(k => k.Arn));
        foreach (var region in new[] { UsEast1, ApSoutheast2 })
        {
            var replica = await Configuration(keyId, region);
            Assert.Equal(MultiRegionKeyType.REPLICA, replica.MultiRegionKeyType);
            Assert.Equal(ArnIn(EuWest1, keyId), replica.PrimaryKey!.Arn);
            Assert.Equal([ArnIn(UsEast1, keyId), ArnIn(ApSoutheast2, keyId)], replica.ReplicaKeys!.Select(k => k.Arn));
        }
        Assert.Equal(KeyState.Enabled, (await Describe(keyId, ApSoutheast2)).KeyState);
    }

    [Fact]
    public async Task both_moving_keys_are_updating_until_the_configured_delay_serving_crypto_and_refusing_management()
    {
        var keyId = await PrimaryWithReplicas(EuWest1);
        await Move(keyId, EuWest1);

        Assert.Equal(KeyState.Updating, (await Describe(keyId, UsEast1)).KeyState);
        Assert.Equal(KeyState.Updating, (await Describe(keyId, EuWest1)).KeyState);
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = [7] })).CiphertextBlob;
        Assert.Equal([7], (await Engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext }, region: EuWest1)).Plaintext);
        await AssertRefusedUnchanged(keyId, () => Engine.DisableKey(new DisableKeyRequest { KeyId = keyId }, region: EuWest1),
            KmsErrorCodes.KMSInvalidStateException, $"{ArnIn(EuWest1, keyId)} is updating.", EuWest1);
        await AssertRefusedUnchanged(keyId, () => Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = keyId, ReplicaRegion = ApSoutheast2 }, region: EuWest1),
            KmsErrorCodes.KMSInvalidStateException, $"{ArnIn(EuWest1, keyId)} is updating.", EuWest1);

        await AdvanceAsync(Delay - TimeSpan.FromSeconds(1));
        Assert.Equal(KeyState.Updating, (await Describe(keyId, UsEast1)).KeyState);
        await AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(KeyState.Enabled, (await Describe(keyId, UsEast1)).KeyState);
        Assert.Equal(KeyState.Enabled, (await Describe(keyId, EuWest1)).KeyState);
    }

    [Fact]
    public async Task after_the_move_the_new_primary_replicates_and_the_old_primary_is_refused_as_a_replica()
    {
        var keyId = await PrimaryWithReplicas(EuWest1);
        await Move(keyId, EuWest1);
        await AdvanceAsync(Delay);

        var added = (await Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = keyId, ReplicaRegion = ApSoutheast2 }, region: EuWest1)).ReplicaKeyMetadata!;
        await ReplicaCreation();

        Assert.Equal(ArnIn(EuWest1, keyId), added.MultiRegionConfiguration!.PrimaryKey!.Arn);
        Assert.Equal([ArnIn(UsEast1, keyId), ArnIn(ApSoutheast2, keyId)], (await Configuration(keyId, EuWest1)).ReplicaKeys!.Select(k => k.Arn));
        await AssertRefusedUnchanged(keyId, () => Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = keyId, ReplicaRegion = UsEast1 }, region: EuWest1),
            KmsErrorCodes.AlreadyExistsException, $"{ArnIn(EuWest1, keyId)} already has a replica key in {UsEast1}.", EuWest1);
        await AssertRefusedUnchanged(keyId, () => Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = keyId, ReplicaRegion = "us-west-2" }),
            KmsErrorCodes.UnsupportedOperationException, $"{ArnIn(UsEast1, keyId)} is not a multi-region primary key.");
        await AssertRefusedUnchanged(keyId, () => Move(keyId, ApSoutheast2),
            KmsErrorCodes.UnsupportedOperationException, $"{ArnIn(UsEast1, keyId)} is not a multi-region primary key.");

        await Move(keyId, UsEast1, region: EuWest1); // and back
        Assert.Equal(MultiRegionKeyType.PRIMARY, (await Configuration(keyId, UsEast1)).MultiRegionKeyType);
    }

    [Fact]
    public async Task the_new_primary_waits_for_its_replicas_to_be_deleted_and_the_old_primary_is_deleted_as_a_replica()
    {
        var keyId = await PrimaryWithReplicas(EuWest1);
        await Move(keyId, EuWest1);
        await AdvanceAsync(Delay);

        var newPrimary = await Engine.ScheduleKeyDeletion(new ScheduleKeyDeletionRequest { KeyId = keyId, PendingWindowInDays = 7 }, region: EuWest1);
        var oldPrimary = await Engine.ScheduleKeyDeletion(new ScheduleKeyDeletionRequest { KeyId = keyId, PendingWindowInDays = 7 });

        Assert.Equal((KeyState.PendingReplicaDeletion, (DateTimeOffset?)null), (newPrimary.KeyState!.Value, newPrimary.DeletionDate));
        Assert.Equal((KeyState.PendingDeletion, (DateTimeOffset?)EngineNow.AddDays(7)), (oldPrimary.KeyState!.Value, oldPrimary.DeletionDate));
        await AdvanceAsync(TimeSpan.FromDays(7));
        await AssertRefused(() => Describe(keyId), KmsErrorCodes.NotFoundException);
    }

    [Fact]
    public async Task refusals_answer_as_aws_and_change_neither_key()
    {
        var keyId = await PrimaryWithReplicas(EuWest1);
        var single = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
        var arn = ArnIn(UsEast1, keyId);
        var before = await Observable(keyId, EuWest1);

        await AssertRefusedUnchanged(single.KeyId!, () => Move(single.KeyId!, EuWest1),
            KmsErrorCodes.UnsupportedOperationException, $"{single.Arn} is not a multi-region primary key.");
        await AssertRefusedUnchanged(keyId, () => Move(keyId, UsEast1, region: EuWest1),
            KmsErrorCodes.UnsupportedOperationException, $"{ArnIn(EuWest1, keyId)} is not a multi-region primary key.", EuWest1);
        await AssertRefusedUnchanged(keyId, () => Move(keyId, UsEast1),
            KmsErrorCodes.UnsupportedOperationException, $"{arn} is already the primary key in {UsEast1}.");
        await AssertRefusedUnchanged(keyId, () => Move(keyId, ApSoutheast2),
            KmsErrorCodes.NotFoundException, $"{arn} has no replica key in {ApSoutheast2}.");
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/mr", TargetKeyId = keyId });
        await AssertRefusedUnchanged(keyId, () => Move("alias/mr", EuWest1), KmsErrorCodes.NotFoundException, "Invalid keyId 'alias/mr'");

        await Engine.DisableKey(new DisableKeyRequest { KeyId = keyId }, region: EuWest1);
        await AssertRefusedUnchanged(keyId, () => Move(keyId, EuWest1), KmsErrorCodes.DisabledException, $"{ArnIn(EuWest1, keyId)} is disabled.");
        await Engine.EnableKey(new EnableKeyRequest { KeyId = keyId }, region: EuWest1);
        await Engine.DisableKey(new DisableKeyRequest { KeyId = keyId });
        await AssertRefusedUnchanged(keyId, () => Move(keyId, EuWest1), KmsErrorCodes.DisabledException, $"{arn} is disabled.");
        await Engine.EnableKey(new EnableKeyRequest { KeyId = keyId });
        await Engine.ScheduleKeyDeletion(new ScheduleKeyDeletionRequest { KeyId = keyId }, region: EuWest1);
        await AssertRefusedUnchanged(keyId, () => Move(keyId, EuWest1), KmsErrorCodes.KMSInvalidStateException, $"{ArnIn(EuWest1, keyId)} is pending deletion.");

        Assert.Equal(MultiRegionKeyType.PRIMARY, (await Configuration(keyId, UsEast1)).MultiRegionKeyType);
        Assert.Equal(MultiRegionKeyType.REPLICA, (await Configuration(keyId, EuWest1)).MultiRegionKeyType);
        Assert.NotEqual(before, await Observable(keyId, EuWest1)); // only the deletion scheduled above
        Assert.Equal(KeyState.PendingDeletion, (await Describe(keyId, EuWest1)).KeyState);
    }

    [Fact]
    public async Task each_region_records_one_update_primary_region_event_naming_its_own_key()
    {
        var keyId = await PrimaryWithReplicas(EuWest1);

        await Move(keyId, EuWest1);

        await AssertAudited(() => Audit.Named("UpdatePrimaryRegion").Count() == 2);
        var records = Audit.Named("UpdatePrimaryRegion").OrderBy(r => r.AwsRegion, StringComparer.Ordinal).ToList();
        Assert.Equal([EuWest1, UsEast1], records.Select(r => r.AwsRegion));
        Assert.Single(records.Select(r => r.RequestID).Distinct());
        foreach (var record in records)
        {
            var own = ArnIn(record.AwsRegion, keyId);
            Assert.Null(record.ErrorCode);
            Assert.False(record.ReadOnly);
            Assert.Equal(keyId, record.RequestParameters!["keyId"]);
            Assert.Equal(EuWest1, record.RequestParameters["primaryRegion"]);
            Assert.Equal(own, record.ResponseElements!["keyId"]);
            Assert.Equal([own], record.Resources.Select(r => r.Arn));
        }
    }

    [Fact]
    public async Task a_refused_move_is_recorded_with_its_error_in_the_primary_region_only()
    {
        var keyId = await PrimaryWithReplicas(EuWest1);
        await Engine.DisableKey(new DisableKeyRequest { KeyId = keyId }, region: EuWest1);

        await AssertRefused(() => Move(keyId, EuWest1), KmsErrorCodes.DisabledException);

        var record = await SingleAudit("UpdatePrimaryRegion");
        Assert.Equal((UsEast1, KmsErrorCodes.DisabledException), (record.AwsRegion, record.ErrorCode));
        Assert.Null(record.ResponseElements);
    }

    [Fact]
    public async Task key_actors_started_again_from_their_journals_keep_the_moved_primary_and_end_updating_on_time()
    {
        var keyId = await PrimaryWithReplicas(EuWest1, ApSoutheast2);
        await Move(keyId, EuWest1);
        foreach (var region in new[] { UsEast1, EuWest1, ApSoutheast2 })
        {
            var actor = await KeyActor(keyId, region);
            Watch(actor);
            actor.Tell(PoisonPill.Instance);
            await ExpectTerminatedAsync(actor);
        }

        Assert.Equal(MultiRegionKeyType.PRIMARY, (await Configuration(keyId, EuWest1)).MultiRegionKeyType);
        Assert.Equal(ArnIn(EuWest1, keyId), (await Configuration(keyId, UsEast1)).PrimaryKey!.Arn);
        Assert.Equal(ArnIn(EuWest1, keyId), (await Configuration(keyId, ApSoutheast2)).PrimaryKey!.Arn);
        Assert.Equal(KeyState.Updating, (await Describe(keyId, UsEast1)).KeyState);
        await AdvanceAsync(Delay);
        Assert.Equal(KeyState.Enabled, (await Describe(keyId, UsEast1)).KeyState);
        Assert.Equal(KeyState.Enabled, (await Describe(keyId, EuWest1)).KeyState);
    }

    [Fact]
    public async Task imported_keys_keep_their_own_material_expiry_and_state_when_the_primary_moves()
    {
        var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var primary = await CreateExternalKey(multiRegion: true);
        var imported = await Import(primary.KeyId!, material);
        await Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = EuWest1 });
        await ReplicaCreation();
        var validTo = EngineNow.AddDays(3);
        await Import(primary.KeyId!, material, validTo, region: EuWest1);

        await Move(primary.KeyId!, EuWest1);
        await AdvanceAsync(Delay);

        var newPrimary = await Describe(primary.KeyId!, EuWest1);
        var oldPrimary = await Describe(primary.KeyId!);
        Assert.Equal((KeyState.Enabled, (DateTimeOffset?)validTo, ExpirationModelType.KEY_MATERIAL_EXPIRES), (newPrimary.KeyState!.Value, newPrimary.ValidTo, newPrimary.ExpirationModel!.Value));
        Assert.Equal((KeyState.Enabled, (DateTimeOffset?)null, ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE), (oldPrimary.KeyState!.Value, oldPrimary.ValidTo, oldPrimary.ExpirationModel!.Value));
        Assert.Equal(imported.KeyMaterialId, newPrimary.CurrentKeyMaterialId);
        await AdvanceToAsync(validTo);
        Assert.Equal(KeyState.PendingImport, (await Describe(primary.KeyId!, EuWest1)).KeyState);
        Assert.Equal(KeyState.Enabled, (await Describe(primary.KeyId!)).KeyState);
    }

    [Fact]
    public async Task a_second_move_while_the_first_waits_for_its_replica_is_refused_and_the_set_keeps_one_primary()
    {
        var keyId = await PrimaryWithReplicas(EuWest1, ApSoutheast2);

        var first = Move(keyId, EuWest1);
        var second = Move(keyId, ApSoutheast2);
        await first;
        var refused = await Assert.ThrowsAsync<KmsException>(() => second);

        Assert.Equal((KmsErrorCodes.KMSInvalidStateException, $"{ArnIn(UsEast1, keyId)} is updating."), (refused.ErrorCode, refused.Message));
        await AdvanceAsync(Delay);
        var roles = new List<MultiRegionKeyType?>();
        foreach (var region in new[] { UsEast1, EuWest1, ApSoutheast2 })
            roles.Add((await Configuration(keyId, region)).MultiRegionKeyType);
        Assert.Equal([MultiRegionKeyType.REPLICA, MultiRegionKeyType.PRIMARY, MultiRegionKeyType.REPLICA], roles);
    }
}
