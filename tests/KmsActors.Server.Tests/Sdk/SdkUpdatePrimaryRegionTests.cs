using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Server.Tests.Support;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>UpdatePrimaryRegion through the AWS SDK for .NET, one client per region, on a server whose engine clock is
/// virtual (the Updating state lasts kms.multi-region.update-primary-region-delay, 2 s by default).</summary>
public sealed class SdkUpdatePrimaryRegionTests(VirtualTimeServerFixture fixture) : IClassFixture<VirtualTimeServerFixture>
{
    [Fact]
    public async Task the_primary_moves_to_its_replicas_region_and_both_keys_are_updating_for_a_moment()
    {
        using var east = fixture.Client("us-east-1");
        using var west = fixture.Client("eu-west-1");
        var primary = (await east.CreateKeyAsync(new CreateKeyRequest { MultiRegion = true })).KeyMetadata;
        var replica = (await east.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = "eu-west-1" })).ReplicaKeyMetadata;
        // The replica is Creating until kms.multi-region.replica-creation-delay has passed on the engine's (virtual) clock.
        Assert.Equal(KeyState.Creating, replica.KeyState);
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(KeyState.Enabled, (await west.DescribeKeyAsync(new DescribeKeyRequest { KeyId = primary.KeyId })).KeyMetadata.KeyState);

        var moved = await east.UpdatePrimaryRegionAsync(new UpdatePrimaryRegionRequest { KeyId = primary.Arn, PrimaryRegion = "eu-west-1" });

        Assert.Equal(System.Net.HttpStatusCode.OK, moved.HttpStatusCode);
        var inWest = (await west.DescribeKeyAsync(new DescribeKeyRequest { KeyId = primary.KeyId })).KeyMetadata;
        var inEast = (await east.DescribeKeyAsync(new DescribeKeyRequest { KeyId = primary.KeyId })).KeyMetadata;
        Assert.Equal((MultiRegionKeyType.PRIMARY, replica.Arn), (inWest.MultiRegionConfiguration.MultiRegionKeyType, inWest.MultiRegionConfiguration.PrimaryKey.Arn));
        Assert.Equal((MultiRegionKeyType.REPLICA, replica.Arn), (inEast.MultiRegionConfiguration.MultiRegionKeyType, inEast.MultiRegionConfiguration.PrimaryKey.Arn));
        Assert.Equal([primary.Arn], inWest.MultiRegionConfiguration.ReplicaKeys.Select(k => k.Arn));
        Assert.Equal((KeyState.Updating, KeyState.Updating), (inEast.KeyState, inWest.KeyState));
        var refused = await Assert.ThrowsAsync<KMSInvalidStateException>(() => west.DisableKeyAsync(new DisableKeyRequest { KeyId = primary.KeyId }));
        Assert.Equal($"{replica.Arn} is updating.", refused.Message);

        await fixture.AdvanceAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(KeyState.Enabled, (await west.DescribeKeyAsync(new DescribeKeyRequest { KeyId = primary.KeyId })).KeyMetadata.KeyState);
        Assert.Equal(KeyState.Enabled, (await east.DescribeKeyAsync(new DescribeKeyRequest { KeyId = primary.KeyId })).KeyMetadata.KeyState);
        var notPrimary = await Assert.ThrowsAsync<UnsupportedOperationException>(() =>
            east.UpdatePrimaryRegionAsync(new UpdatePrimaryRegionRequest { KeyId = primary.KeyId, PrimaryRegion = "eu-west-1" }));
        Assert.Equal($"{primary.Arn} is not a multi-region primary key.", notPrimary.Message);
    }
}
