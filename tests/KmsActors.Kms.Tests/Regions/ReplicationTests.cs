using Akka.Actor;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Tests.Regions;

public sealed class ReplicationTests : RegionTestBase
{
    private InitializeReplica Replica(string keyId, string replicaRegion) => new(
        new KmsCommand(new ReplicateKeyRequest { KeyId = keyId, ReplicaRegion = replicaRegion }, Engine.DefaultCaller, Region, "r"),
        new KmsKey
        {
            KeyId = keyId, Arn = KeyArn(keyId), AccountId = Account, Region = Region, CreationDate = Scheduler.Now,
            KeyUsage = KeyUsageType.ENCRYPT_DECRYPT, KeySpec = KeySpec.SYMMETRIC_DEFAULT, Origin = OriginType.EXTERNAL, State = KeyState.Enabled,
            MultiRegion = true, MultiRegionKeyType = MultiRegionKeyType.PRIMARY,
        },
        TestActor);

    [Fact]
    public async Task the_engine_creates_the_replica_under_the_same_key_id_in_the_target_region()
    {
        var keyId = await CreateKey(multiRegion: true);

        Engine.Actor.Tell(new ReplicateTo("eu-west-1", Replica(keyId, "eu-west-1")));

        Assert.Equal(keyId, ExpectMsg<ReplicaCreated>().ReplicaMetadata.KeyId);
        await Engine.Settle();
        Assert.Equal([keyId], (await Engine.ListKeys(new ListKeysRequest(), region: "eu-west-1")).Keys!.Select(k => k.KeyId));
        Assert.Equal(keyId, (await Call(new DescribeKeyRequest { KeyId = KeyArn(keyId, region: "eu-west-1") }, region: "eu-west-1")).KeyId);
    }

    [Fact]
    public async Task a_second_replica_in_the_same_region_is_AlreadyExists()
    {
        var keyId = await CreateKey(multiRegion: true);
        Engine.Actor.Tell(new ReplicateTo("eu-west-1", Replica(keyId, "eu-west-1")));
        ExpectMsg<ReplicaCreated>();

        Engine.Actor.Tell(new ReplicateTo("eu-west-1", Replica(keyId, "eu-west-1")));

        Assert.Equal(KmsErrorCodes.AlreadyExistsException, ExpectMsg<ReplicaCreationFailed>().Error.ErrorCode);
    }
}
