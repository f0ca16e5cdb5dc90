using KmsActors.Kms.Configuration;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>ReplicateKey answers the new replica in AWS's transient Creating state; it becomes usable after
/// kms.multi-region.replica-creation-delay on the engine's clock (docs/multi-region-keys.md).</summary>
public sealed class ReplicaCreationTests : EngineTestBase
{
    private TimeSpan Delay => KmsSettings.From(Sys).ReplicaCreationDelay;

    private async Task<(KeyMetadata Primary, KeyMetadata Replica)> Replicated()
    {
        var primary = (await Engine.CreateKey(new CreateKeyRequest { MultiRegion = true })).KeyMetadata!;
        var replica = (await Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = EuWest1 })).ReplicaKeyMetadata!;
        return (primary, replica);
    }

    [Fact]
    public async Task replicate_key_answers_the_replica_as_creating_not_enabled_and_without_a_current_key_material_id()
    {
        var (_, replica) = await Replicated();

        Assert.Equal((KeyState.Creating, false, (string?)null), (replica.KeyState, replica.Enabled, replica.CurrentKeyMaterialId));
        var described = await Describe(replica.Arn!, EuWest1);
        Assert.Equal((KeyState.Creating, false, (string?)null), (described.KeyState, described.Enabled, described.CurrentKeyMaterialId));
        Assert.Equal(MultiRegionKeyType.REPLICA, described.MultiRegionConfiguration!.MultiRegionKeyType);
    }

    [Fact]
    public async Task a_creating_replica_refuses_cryptographic_and_key_state_operations_as_creating()
    {
        var (_, replica) = await Replicated();

        await AssertRefusedUnchanged(replica.Arn!, () => Engine.Encrypt(new EncryptRequest { KeyId = replica.Arn, Plaintext = [1] }, region: EuWest1),
            KmsErrorCodes.KMSInvalidStateException, $"{replica.Arn} is creating.", EuWest1);
        await AssertRefusedUnchanged(replica.Arn!, () => Engine.DisableKey(new DisableKeyRequest { KeyId = replica.Arn }, region: EuWest1),
            KmsErrorCodes.KMSInvalidStateException, $"{replica.Arn} is creating.", EuWest1);
    }

    [Fact]
    public async Task a_creating_replica_can_be_managed_while_it_is_created()
    {
        var (_, replica) = await Replicated();

        await Engine.Send<object>(new TagResourceRequest { KeyId = replica.Arn, Tags = [new Tag { TagKey = "team", TagValue = "west" }] }, region: EuWest1);
        await Engine.Send<object>(new UpdateKeyDescriptionRequest { KeyId = replica.Arn, Description = "west copy" }, region: EuWest1);

        var described = await Describe(replica.Arn!, EuWest1);
        Assert.Equal((KeyState.Creating, "west copy"), (described.KeyState, described.Description));
        var tags = (await Engine.Send<ListResourceTagsResponse>(new ListResourceTagsRequest { KeyId = replica.Arn }, region: EuWest1)).Tags!;
        Assert.Equal(("team", "west"), (Assert.Single(tags).TagKey, tags[0].TagValue));
    }

    [Fact]
    public async Task a_replica_becomes_enabled_once_the_creation_delay_has_passed_on_the_engine_clock()
    {
        var (primary, replica) = await Replicated();

        await AdvanceAsync(Delay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(KeyState.Creating, (await Describe(replica.Arn!, EuWest1)).KeyState);
        await AdvanceAsync(TimeSpan.FromMilliseconds(1));

        var described = await Describe(replica.Arn!, EuWest1);
        Assert.Equal((KeyState.Enabled, true, primary.CurrentKeyMaterialId), (described.KeyState, described.Enabled, described.CurrentKeyMaterialId));
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = replica.Arn, Plaintext = "west"u8.ToArray() }, region: EuWest1)).CiphertextBlob;
        Assert.Equal("west"u8.ToArray(), (await Engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext })).Plaintext);
    }

    [Fact]
    public async Task a_replica_with_imported_material_becomes_pending_import_once_created()
    {
        var primary = await CreateExternalKey(multiRegion: true);
        await Import(primary.KeyId!, TestKit.Byok.KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT));
        var replica = (await Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = EuWest1 })).ReplicaKeyMetadata!;
        Assert.Equal(KeyState.Creating, replica.KeyState);

        await ReplicaCreation();

        Assert.Equal(KeyState.PendingImport, (await Describe(replica.Arn!, EuWest1)).KeyState);
    }
}
