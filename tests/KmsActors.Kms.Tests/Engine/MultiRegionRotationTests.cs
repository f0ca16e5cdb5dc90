using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>Related multi-Region keys share their key material: rotation goes through the primary and reaches every
/// replica, for KMS-generated and imported material alike (docs/multi-region-keys.md).</summary>
public sealed class MultiRegionRotationTests : EngineTestBase
{
    private const string ApSoutheast2 = "ap-southeast-2";

    private async Task<KeyMetadata> Replicate(string keyId, string region)
    {
        var replica = (await Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = keyId, ReplicaRegion = region })).ReplicaKeyMetadata!;
        await ReplicaCreation();
        return replica;
    }

    /// <summary>What ListKeyRotations says of the key's materials, the same in every related key.</summary>
    private async Task<string> Shared(string arn, string region) => string.Join("\n", (await Rotations(arn, region))
        .Select(r => $"{r.KeyMaterialId} {r.KeyMaterialState} {r.RotationDate:O} {r.RotationType}"));

    private async Task AssertDecryptsEachOther(KeyMetadata a, string regionA, KeyMetadata b, string regionB)
    {
        var fromA = (await Engine.Encrypt(new EncryptRequest { KeyId = a.Arn, Plaintext = "a"u8.ToArray() }, region: regionA)).CiphertextBlob;
        var fromB = (await Engine.Encrypt(new EncryptRequest { KeyId = b.Arn, Plaintext = "b"u8.ToArray() }, region: regionB)).CiphertextBlob;
        Assert.Equal("a"u8.ToArray(), (await Engine.Decrypt(new DecryptRequest { KeyId = b.Arn, CiphertextBlob = fromA }, region: regionB)).Plaintext);
        Assert.Equal("b"u8.ToArray(), (await Engine.Decrypt(new DecryptRequest { KeyId = a.Arn, CiphertextBlob = fromB }, region: regionA)).Plaintext);
    }

    /// <summary>An imported multi-Region primary in us-east-1 and its replica in eu-west-1, both holding the same first material.</summary>
    private async Task<(KeyMetadata Primary, KeyMetadata West)> ImportedPrimaryWithReplica()
    {
        var first = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var primary = await CreateExternalKey(multiRegion: true);
        await Import(primary.KeyId!, first);
        var west = await Replicate(primary.KeyId!, EuWest1);
        await Import(west.Arn!, first, region: EuWest1);
        return (primary, west);
    }

    [Fact]
    public async Task rotating_a_kms_generated_primary_on_demand_gives_every_replica_the_same_new_material()
    {
        var primary = (await Engine.CreateKey(new CreateKeyRequest { MultiRegion = true })).KeyMetadata!;
        var west = await Replicate(primary.KeyId!, EuWest1);
        var south = await Replicate(primary.KeyId!, ApSoutheast2);
        var before = (await Describe(primary.Arn!)).CurrentKeyMaterialId;

        await Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = primary.KeyId });
        await RelatedKeysSynchronized();

        var current = (await Describe(primary.Arn!)).CurrentKeyMaterialId;
        Assert.NotEqual(before, current);
        Assert.Equal(current, (await Describe(west.Arn!, EuWest1)).CurrentKeyMaterialId);
        Assert.Equal(current, (await Describe(south.Arn!, ApSoutheast2)).CurrentKeyMaterialId);
        var shared = await Shared(primary.Arn!, UsEast1);
        Assert.Contains($"{current} CURRENT", shared, StringComparison.Ordinal);
        Assert.Equal(shared, await Shared(west.Arn!, EuWest1));
        Assert.Equal(shared, await Shared(south.Arn!, ApSoutheast2));
        await AssertDecryptsEachOther(primary, UsEast1, west, EuWest1);
        await AssertDecryptsEachOther(primary, UsEast1, south, ApSoutheast2);
        // CloudTrail: KMS records SynchronizeMultiRegionKey in each replica's Region.
        await AssertAudited(() => Audit.Named("SynchronizeMultiRegionKey").Count() == 2);
        Assert.Equal([ApSoutheast2, EuWest1], Audit.Named("SynchronizeMultiRegionKey").Select(r => r.AwsRegion).Order());
    }

    [Fact]
    public async Task a_replica_created_after_rotations_holds_every_material_of_its_primary()
    {
        var primary = (await Engine.CreateKey(new CreateKeyRequest { MultiRegion = true })).KeyMetadata!;
        var old = (await Engine.Encrypt(new EncryptRequest { KeyId = primary.Arn, Plaintext = [7] })).CiphertextBlob;
        await Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = primary.KeyId });

        var west = await Replicate(primary.KeyId!, EuWest1);

        Assert.Equal(await Shared(primary.Arn!, UsEast1), await Shared(west.Arn!, EuWest1));
        Assert.Equal([7], (await Engine.Decrypt(new DecryptRequest { KeyId = west.Arn, CiphertextBlob = old }, region: EuWest1)).Plaintext);
        await AssertDecryptsEachOther(primary, UsEast1, west, EuWest1);
    }

    [Fact]
    public async Task rotate_key_on_demand_on_a_replica_is_refused_because_aws_rotates_related_keys_only_through_the_primary()
    {
        var primary = (await Engine.CreateKey(new CreateKeyRequest { MultiRegion = true })).KeyMetadata!;
        var west = await Replicate(primary.KeyId!, EuWest1);

        await AssertRefusedUnchanged(west.Arn!, () => Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = west.Arn }, region: EuWest1),
            KmsErrorCodes.UnsupportedOperationException, $"{west.Arn} is a multi-Region replica key. Rotation is managed on its primary key.", EuWest1);
        Assert.Equal(await Shared(primary.Arn!, UsEast1), await Shared(west.Arn!, EuWest1));
    }

    [Fact]
    public async Task imported_material_goes_new_into_the_primary_then_existing_into_each_replica_then_rotation_on_the_primary_makes_it_current_everywhere()
    {
        var (primary, west) = await ImportedPrimaryWithReplica();

        var next = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var nextId = (await Import(primary.KeyId!, next, importType: ImportType.NEW_KEY_MATERIAL)).KeyMaterialId;
        await RelatedKeysSynchronized();

        Assert.Equal(KeyMaterialState.PENDING_MULTI_REGION_IMPORT_AND_ROTATION, (await Rotations(primary.Arn!)).Single(r => r.KeyMaterialId == nextId).KeyMaterialState);
        var announced = (await Rotations(west.Arn!, EuWest1)).Single(r => r.KeyMaterialId == nextId);
        Assert.Equal((ImportState.PENDING_IMPORT, KeyMaterialState.PENDING_MULTI_REGION_IMPORT_AND_ROTATION), (announced.ImportState!.Value, announced.KeyMaterialState!.Value));
        await AssertRefusedUnchanged(primary.Arn!, () => Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = primary.KeyId }),
            KmsErrorCodes.KMSInvalidStateException, $"No available key material pending rotation for the key: {primary.Arn}.");

        await Import(west.Arn!, next, importType: ImportType.EXISTING_KEY_MATERIAL, region: EuWest1);
        await RelatedKeysSynchronized();

        Assert.Equal(KeyMaterialState.PENDING_ROTATION, (await Rotations(primary.Arn!)).Single(r => r.KeyMaterialId == nextId).KeyMaterialState);
        Assert.Equal(KeyMaterialState.PENDING_ROTATION, (await Rotations(west.Arn!, EuWest1)).Single(r => r.KeyMaterialId == nextId).KeyMaterialState);

        await Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = primary.KeyId });
        await RelatedKeysSynchronized();

        Assert.Equal(nextId, (await Describe(primary.Arn!)).CurrentKeyMaterialId);
        var replica = await Describe(west.Arn!, EuWest1);
        Assert.Equal((nextId, KeyState.Enabled), (replica.CurrentKeyMaterialId, replica.KeyState));
        Assert.Equal(await Shared(primary.Arn!, UsEast1), await Shared(west.Arn!, EuWest1));
        await AssertDecryptsEachOther(primary, UsEast1, west, EuWest1);
    }

    [Fact]
    public async Task new_key_material_imported_directly_into_a_replica_is_refused()
    {
        var (primary, west) = await ImportedPrimaryWithReplica();

        await AssertRefusedUnchanged(west.Arn!, () => Import(west.Arn!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), importType: ImportType.NEW_KEY_MATERIAL, region: EuWest1),
            KmsErrorCodes.UnsupportedOperationException, $"{west.Arn} is a multi-Region replica key. Import new key material into its primary key.", EuWest1);
    }

    [Fact]
    public async Task deleting_pending_material_of_the_primary_deletes_the_replicas_copies_too()
    {
        var (primary, west) = await ImportedPrimaryWithReplica();
        var next = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var nextId = (await Import(primary.KeyId!, next, importType: ImportType.NEW_KEY_MATERIAL)).KeyMaterialId;
        await RelatedKeysSynchronized();
        await Import(west.Arn!, next, importType: ImportType.EXISTING_KEY_MATERIAL, region: EuWest1);
        await RelatedKeysSynchronized();

        await Engine.DeleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest { KeyId = primary.KeyId, KeyMaterialId = nextId });
        await RelatedKeysSynchronized();

        Assert.DoesNotContain(await Rotations(primary.Arn!), r => r.KeyMaterialId == nextId);
        Assert.DoesNotContain(await Rotations(west.Arn!, EuWest1), r => r.KeyMaterialId == nextId);
        Assert.Equal(KeyState.Enabled, (await Describe(west.Arn!, EuWest1)).KeyState);
        await AssertDecryptsEachOther(primary, UsEast1, west, EuWest1);
    }
}
