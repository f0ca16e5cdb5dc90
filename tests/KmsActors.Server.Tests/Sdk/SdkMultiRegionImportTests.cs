using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Server.Tests.Support;
using KmsActors.TestKit.Byok;
using KmsModel = KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>
/// A multi-Region EXTERNAL key across two regions, each driven by an SDK client signing for its region
/// (the server takes the region from the SigV4 credential scope).
/// </summary>
public sealed class SdkMultiRegionImportTests(VirtualTimeServerFixture fixture) : SdkTestBase(fixture), IClassFixture<VirtualTimeServerFixture>
{
    [Fact]
    public async Task a_replica_takes_the_primarys_material_in_its_own_region_and_ciphertexts_cross_regions()
    {
        using var east = Fixture.Client("us-east-1");
        using var west = Fixture.Client("eu-west-1");
        var primary = await CreateExternalKey(east, multiRegion: true);
        Assert.StartsWith("mrk-", primary.KeyId, StringComparison.Ordinal);
        Assert.True(primary.MultiRegion);
        await Refused<KMSInvalidStateException>(() => east.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = "eu-west-1" }),
            $"{primary.Arn} is pending import.");
        var material = KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT);
        var importedInEast = await Import(east, primary.KeyId, material);

        var replica = (await east.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = "eu-west-1" })).ReplicaKeyMetadata;

        Assert.Equal($"arn:aws:kms:eu-west-1:{Account}:key/{primary.KeyId}", replica.Arn);
        Assert.Equal((KeyState.Creating, false), (replica.KeyState, replica.Enabled));
        await AwaitReplicaCreated(west, replica.Arn);
        var described = await Describe(primary.KeyId, west);
        Assert.Equal(KeyState.PendingImport, described.KeyState);
        Assert.Equal(MultiRegionKeyType.REPLICA, described.MultiRegionConfiguration.MultiRegionKeyType);
        Assert.Equal(primary.Arn, described.MultiRegionConfiguration.PrimaryKey.Arn);

        await Refused<IncorrectKeyMaterialException>(() => Import(west, primary.KeyId, KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT)),
            $"The key material does not match the key material of the primary key of {replica.Arn}.");
        await AssertStillPendingImport(primary.KeyId, west);
        var importedInWest = await Import(west, replica.Arn, material);

        Assert.Equal(KeyState.Enabled, (await Describe(primary.KeyId, west)).KeyState);
        Assert.Equal(importedInEast.KeyMaterialId, importedInWest.KeyMaterialId);
        var fromEast = await east.EncryptAsync(new EncryptRequest { KeyId = primary.KeyId, Plaintext = Stream("east"u8.ToArray()), EncryptionContext = Context("mr") });
        var fromWest = await west.EncryptAsync(new EncryptRequest { KeyId = replica.Arn, Plaintext = Stream("west"u8.ToArray()) });
        var inWest = await west.DecryptAsync(new DecryptRequest { CiphertextBlob = Stream(fromEast.CiphertextBlob.ToArray()), EncryptionContext = Context("mr") });
        var inEast = await east.DecryptAsync(new DecryptRequest { CiphertextBlob = Stream(fromWest.CiphertextBlob.ToArray()) });
        Assert.Equal("east"u8.ToArray(), inWest.Plaintext.ToArray());
        Assert.Equal(replica.Arn, inWest.KeyId);
        Assert.Equal("west"u8.ToArray(), inEast.Plaintext.ToArray());
        Assert.Equal(primary.Arn, inEast.KeyId);
    }

    [Fact]
    public async Task an_unrelated_single_region_key_with_the_same_material_cannot_decrypt()
    {
        var material = KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT);
        var primary = await CreateExternalKey(Kms, multiRegion: true);
        await Import(primary.KeyId, material);
        var single = await CreateExternalKey();
        await Import(single.KeyId, material);
        var fromPrimary = await Kms.EncryptAsync(new EncryptRequest { KeyId = primary.KeyId, Plaintext = Stream([1]) });

        await Refused<IncorrectKeyException>(() => Kms.DecryptAsync(new DecryptRequest { KeyId = single.KeyId, CiphertextBlob = Stream(fromPrimary.CiphertextBlob.ToArray()) }));
    }
}
