using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Server.Tests.Support;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>Rotating a multi-Region primary through the AWS SDK reaches its replica in another region
/// (docs/multi-region-keys.md): the replica decrypts what the primary encrypts after the rotation, and the reverse.</summary>
public sealed class SdkMultiRegionRotationTests(VirtualTimeServerFixture fixture) : SdkTestBase(fixture), IClassFixture<VirtualTimeServerFixture>
{
    [Fact]
    public async Task rotating_a_kms_generated_primary_on_demand_gives_its_replica_the_new_material()
    {
        using var east = Fixture.Client("us-east-1");
        using var west = Fixture.Client("eu-west-1");
        var primary = (await east.CreateKeyAsync(new CreateKeyRequest { MultiRegion = true })).KeyMetadata;
        var replica = (await east.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = "eu-west-1" })).ReplicaKeyMetadata;
        Assert.Equal((KeyState.Creating, false, (string?)null), (replica.KeyState, replica.Enabled, replica.CurrentKeyMaterialId));
        Assert.Equal(KeyState.Enabled, (await AwaitReplicaCreated(west, replica.Arn)).KeyState);

        await east.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = primary.KeyId });

        var current = (await Describe(primary.Arn, east)).CurrentKeyMaterialId;
        Assert.NotEqual(primary.CurrentKeyMaterialId, current);
        await ((VirtualTimeServerFixture)Fixture).AdvanceAsync(TimeSpan.Zero); // the primary's new material reaches its replica
        Assert.Equal(current, (await Describe(replica.Arn, west)).CurrentKeyMaterialId);
        var fromEast = await east.EncryptAsync(new EncryptRequest { KeyId = primary.Arn, Plaintext = Stream("east"u8.ToArray()) });
        var fromWest = await west.EncryptAsync(new EncryptRequest { KeyId = replica.Arn, Plaintext = Stream("west"u8.ToArray()) });
        var inWest = await west.DecryptAsync(new DecryptRequest { KeyId = replica.Arn, CiphertextBlob = Stream(fromEast.CiphertextBlob.ToArray()) });
        var inEast = await east.DecryptAsync(new DecryptRequest { KeyId = primary.Arn, CiphertextBlob = Stream(fromWest.CiphertextBlob.ToArray()) });
        Assert.Equal(("east", current), (System.Text.Encoding.UTF8.GetString(inWest.Plaintext.ToArray()), inWest.KeyMaterialId));
        Assert.Equal(("west", current), (System.Text.Encoding.UTF8.GetString(inEast.Plaintext.ToArray()), inEast.KeyMaterialId));
    }

    [Fact]
    public async Task rotate_key_on_demand_on_a_replica_is_refused_as_aws_rotates_only_through_the_primary()
    {
        using var east = Fixture.Client("us-east-1");
        using var west = Fixture.Client("eu-west-1");
        var primary = (await east.CreateKeyAsync(new CreateKeyRequest { MultiRegion = true })).KeyMetadata;
        var replica = (await east.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = "eu-west-1" })).ReplicaKeyMetadata;
        await AwaitReplicaCreated(west, replica.Arn);

        await Refused<UnsupportedOperationException>(() => west.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = replica.Arn }),
            $"{replica.Arn} is a multi-Region replica key. Rotation is managed on its primary key.");
        Assert.Equal(primary.CurrentKeyMaterialId, (await Describe(replica.Arn, west)).CurrentKeyMaterialId);
    }
}
