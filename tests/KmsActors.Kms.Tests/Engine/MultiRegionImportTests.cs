using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>Multi-Region keys with imported material: replicas take the primary's material only, and related keys decrypt each other's ciphertexts (docs/byok.md, docs/multi-region-keys.md).</summary>
public sealed class MultiRegionImportTests : EngineTestBase
{
    [Fact]
    public async Task a_replica_takes_the_same_material_in_its_own_region_and_ciphertexts_cross_regions()
    {
        var primary = await CreateExternalKey(multiRegion: true);
        Assert.StartsWith("mrk-", primary.KeyId, StringComparison.Ordinal);
        var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        await AssertRefusedUnchanged(primary.KeyId!, () => Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = EuWest1 }),
            KmsErrorCodes.KMSInvalidStateException, $"{primary.Arn} is pending import.");
        await Import(primary.KeyId!, material);

        var replica = (await Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = EuWest1 })).ReplicaKeyMetadata!;

        Assert.Equal(primary.KeyId, replica.KeyId);
        Assert.Equal($"arn:aws:kms:eu-west-1:111122223333:key/{primary.KeyId}", replica.Arn);
        Assert.Equal(KeyState.Creating, replica.KeyState);
        Assert.Equal(KeyState.Creating, (await Describe(replica.KeyId!, EuWest1)).KeyState);
        await ReplicaCreation();
        Assert.Equal(KeyState.PendingImport, (await Describe(replica.KeyId!, EuWest1)).KeyState);
        Assert.Equal(MultiRegionKeyType.REPLICA, (await Describe(replica.KeyId!, EuWest1)).MultiRegionConfiguration!.MultiRegionKeyType);

        await AssertRefusedUnchanged(replica.KeyId!, () => Import(replica.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), region: EuWest1),
            KmsErrorCodes.IncorrectKeyMaterialException, $"The key material does not match the key material of the primary key of {replica.Arn}.", EuWest1);
        var imported = await Import(replica.KeyId!, material, region: EuWest1);

        Assert.Equal(KeyState.Enabled, (await Describe(replica.KeyId!, EuWest1)).KeyState);
        Assert.Equal((await Describe(primary.KeyId!)).CurrentKeyMaterialId, imported.KeyMaterialId);
        var fromPrimary = (await Engine.Encrypt(new EncryptRequest { KeyId = primary.KeyId, Plaintext = "east"u8.ToArray(), EncryptionContext = Context("mr") })).CiphertextBlob;
        var fromReplica = (await Engine.Encrypt(new EncryptRequest { KeyId = replica.Arn, Plaintext = "west"u8.ToArray() }, region: EuWest1)).CiphertextBlob;
        var inWest = await Engine.Decrypt(new DecryptRequest { CiphertextBlob = fromPrimary, EncryptionContext = Context("mr") }, region: EuWest1);
        var inEast = await Engine.Decrypt(new DecryptRequest { CiphertextBlob = fromReplica });
        Assert.Equal("east"u8.ToArray(), inWest.Plaintext);
        Assert.Equal(replica.Arn, inWest.KeyId);
        Assert.Equal("west"u8.ToArray(), inEast.Plaintext);
        Assert.Equal(primary.Arn, inEast.KeyId);
    }

    [Fact]
    public async Task an_unrelated_single_region_key_with_the_same_material_cannot_decrypt()
    {
        var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var primary = await CreateExternalKey(multiRegion: true);
        await Import(primary.KeyId!, material);
        var single = await CreateExternalKey();
        await Import(single.KeyId!, material);
        var fromPrimary = (await Engine.Encrypt(new EncryptRequest { KeyId = primary.KeyId, Plaintext = [1] })).CiphertextBlob;
        var fromSingle = (await Engine.Encrypt(new EncryptRequest { KeyId = single.KeyId, Plaintext = [2] })).CiphertextBlob;

        await AssertRefusedUnchanged(single.KeyId!, () => Engine.Decrypt(new DecryptRequest { KeyId = single.KeyId, CiphertextBlob = fromPrimary }), KmsErrorCodes.IncorrectKeyException);
        await AssertRefusedUnchanged(primary.KeyId!, () => Engine.Decrypt(new DecryptRequest { KeyId = primary.KeyId, CiphertextBlob = fromSingle }), KmsErrorCodes.IncorrectKeyException);
        Assert.Equal([2], (await Engine.Decrypt(new DecryptRequest { CiphertextBlob = fromSingle })).Plaintext);
    }

    [Fact]
    public async Task replica_and_primary_expire_independently()
    {
        var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var primary = await CreateExternalKey(multiRegion: true);
        await Import(primary.KeyId!, material);
        await Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = EuWest1 });
        await ReplicaCreation();
        var validTo = EngineNow.AddDays(5);
        await Import(primary.KeyId!, material, validTo, region: EuWest1);
        var replica = await Describe(primary.KeyId!, EuWest1);
        Assert.Equal(KeyState.Enabled, replica.KeyState);
        Assert.Equal(validTo, replica.ValidTo);

        await AdvanceAsync(TimeSpan.FromDays(6));

        Assert.Equal(KeyState.PendingImport, (await Describe(primary.KeyId!, EuWest1)).KeyState);
        Assert.Equal(KeyState.Enabled, (await Describe(primary.KeyId!)).KeyState);
        var expired = await SingleAudit("DeleteExpiredKeyMaterial");
        Assert.Equal(EuWest1, expired.AwsRegion);
        Assert.Equal(validTo, expired.EventTime);
    }
}
