using KmsActors.Kms.Audit;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Tests.Regions;

/// <summary>
/// In cluster mode a region entity can hand off (its node leaves, docs/cluster.md) between starting a new key and the
/// key's report that it is persisted: the report then reaches the region's next incarnation, which never saw the
/// CreateKey. The key is indexed all the same, and its creator answered: a key a caller was told about is never missing.
/// </summary>
public sealed class RegionHandOverTests : RegionTestBase
{
    [Fact]
    public async Task a_new_key_reported_to_a_region_that_did_not_start_it_is_indexed_and_its_creator_answered()
    {
        await Engine.ListKeys(new ListKeysRequest()); // the region runs
        var region = await RegionActorRef();
        var keyId = Guid.NewGuid().ToString();
        var command = new KmsCommand(new CreateKeyRequest { KeySpec = KeySpec.ECC_NIST_P256, KeyUsage = KeyUsageType.SIGN_VERIFY }, CallerIdentity.Root(Account), Region, Guid.NewGuid().ToString());
        var reply = new CreateKeyResponse { KeyMetadata = new KeyMetadata { KeyId = keyId } };
        var creator = CreateTestProbe();
        var audit = CreateTestProbe();
        Sys.EventStream.Subscribe(audit, typeof(AuditRecord));

        region.Tell(new NewKeyPersisted(new KeyStatusChanged(keyId, KeyState.Enabled, null, Deleted: false), KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY,
            creator.Ref, reply, AuditRecord.ForApiCall(command, reply, null, Scheduler.Now, [KeyArn(keyId)])), TestActor);

        Assert.Same(reply, await creator.ExpectMsgAsync<CreateKeyResponse>());
        Assert.Equal("CreateKey", (await audit.ExpectMsgAsync<AuditRecord>()).EventName);
        Assert.Contains(keyId, (await Engine.ListKeys(new ListKeysRequest())).Keys!.Select(k => k.KeyId));
        // Known to the region: a call naming it is routed to the key, not refused NotFoundException.
        Assert.Equal(keyId, (await Call(new DescribeKeyRequest { KeyId = keyId })).KeyId);
    }
}
