using KmsActors.Kms.Model;
using EmptyResponse = KmsActors.Kms.Keys.EmptyResponse;

namespace KmsActors.Kms.Tests.Authorization;

/// <summary>The condition keys of key management requests through the engine: kms:ReplicaRegion (ReplicateKey),
/// kms:RotationPeriodInDays (EnableKeyRotation), kms:BypassPolicyLockoutSafetyCheck (PutKeyPolicy)
/// and kms:PrimaryRegion (UpdatePrimaryRegion) (docs/condition-keys.md).</summary>
public sealed class KeyManagementConditionKeyTests() : ConditionKeyTestBase(Config)
{
    private const string UsWest2 = "us-west-2";
    private static readonly string Replicator = Role("replicator");
    private static readonly string ReplicatorWithoutCreateKey = Role("replicator-without-create-key");
    private static readonly string Rotator = Role("rotator");
    private static readonly string PolicyAdmin = Role("policy-admin");
    private static readonly string Mover = Role("mover");

    private static readonly string Config = Iam(
        // AWS: ReplicateKey also needs kms:CreateKey in an IAM policy in the replica Region.
        (Replicator, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:CreateKey","Resource":"*"},"""
            + """{"Effect":"Allow","Action":"kms:ReplicateKey","Resource":"*","Condition":{"StringEquals":{"kms:ReplicaRegion":"eu-west-1"}}}]}"""),
        (ReplicatorWithoutCreateKey, Allow("kms:ReplicateKey", """{"StringEquals":{"kms:ReplicaRegion":"eu-west-1"}}""")),
        (Mover, Allow("kms:UpdatePrimaryRegion", """{"StringEquals":{"kms:PrimaryRegion":"eu-west-1"}}""")),
        (Rotator, Allow("kms:EnableKeyRotation", """{"NumericLessThanEquals":{"kms:RotationPeriodInDays":180}}""")),
        // AWS's example: deny PutKeyPolicy when the request bypasses the policy lockout safety check.
        (PolicyAdmin, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:PutKeyPolicy","Resource":"*"},"""
            + """{"Effect":"Deny","Action":"kms:PutKeyPolicy","Resource":"*","Condition":{"Bool":{"kms:BypassPolicyLockoutSafetyCheck":true}}}]}"""));

    [Fact]
    public async Task replica_region_is_the_requested_region()
    {
        var primary = await NewKey(new CreateKeyRequest { MultiRegion = true });

        await AssertRefusedUnchanged(primary.KeyId!, () => Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = UsWest2 }, As(Replicator)),
            "AccessDeniedException", NoIdentityAllow(Replicator, "kms:ReplicateKey", primary.Arn!));
        Assert.Equal(0, await KeyCount(UsWest2));

        var replica = (await Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = EuWest1 }, As(Replicator))).ReplicaKeyMetadata!;
        Assert.Equal($"arn:aws:kms:eu-west-1:{Account}:key/{primary.KeyId}", replica.Arn);
        Assert.Equal(MultiRegionKeyType.REPLICA, (await Describe(primary.KeyId!, EuWest1)).MultiRegionConfiguration!.MultiRegionKeyType);
    }

    [Fact]
    public async Task replicate_key_also_needs_create_key_in_the_replica_region()
    {
        var primary = await NewKey(new CreateKeyRequest { MultiRegion = true });

        // The resource "*" is our choice (as for CreateKey); AWS's exact text for this refusal is not documented.
        await AssertRefusedUnchanged(primary.KeyId!, () => Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = EuWest1 }, As(ReplicatorWithoutCreateKey)),
            "AccessDeniedException", NoIdentityAllow(ReplicatorWithoutCreateKey, "kms:CreateKey", "*"));
        Assert.Equal(0, await KeyCount(EuWest1));

        await Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = EuWest1 });
        Assert.Equal(1, await KeyCount(EuWest1));
    }

    [Fact]
    public async Task primary_region_is_the_requested_region()
    {
        var primary = await NewKey(new CreateKeyRequest { MultiRegion = true });
        await Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = EuWest1 });
        await Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = UsWest2 });
        await ReplicaCreation();

        await AssertRefusedUnchanged(primary.KeyId!, () => MoveAs(Mover, primary.KeyId!, UsWest2),
            "AccessDeniedException", NoIdentityAllow(Mover, "kms:UpdatePrimaryRegion", primary.Arn!));
        Assert.Equal(MultiRegionKeyType.REPLICA, (await Describe(primary.KeyId!, UsWest2)).MultiRegionConfiguration!.MultiRegionKeyType);

        await MoveAs(Mover, primary.KeyId!, EuWest1);
        Assert.Equal(MultiRegionKeyType.PRIMARY, (await Describe(primary.KeyId!, EuWest1)).MultiRegionConfiguration!.MultiRegionKeyType);
    }

    [Fact]
    public async Task update_primary_region_also_needs_the_replicas_key_policy()
    {
        var primary = await NewKey(new CreateKeyRequest { MultiRegion = true });
        var replicaArn = $"arn:aws:kms:eu-west-1:{Account}:key/{primary.KeyId}";
        // AWS: kms:UpdatePrimaryRegion on the current replica key too, "in the replica key's key policy".
        await Engine.ReplicateKey(new ReplicateKeyRequest
        {
            KeyId = primary.KeyId,
            ReplicaRegion = EuWest1,
            Policy = KeyPolicy($$$"""{"Sid":"No move","Effect":"Deny","Principal":{"AWS":"{{{Mover}}}"},"Action":"kms:UpdatePrimaryRegion","Resource":"*"}"""),
        });
        var replicaBefore = await Observable(primary.KeyId!, EuWest1);

        await AssertRefusedUnchanged(primary.KeyId!, () => MoveAs(Mover, primary.KeyId!, EuWest1),
            "AccessDeniedException", ResourceDeny(Mover, "kms:UpdatePrimaryRegion", replicaArn));

        Assert.Equal(replicaBefore, await Observable(primary.KeyId!, EuWest1));
    }

    private Task MoveAs(string principal, string keyId, string primaryRegion) =>
        Engine.Send<EmptyResponse>(new UpdatePrimaryRegionRequest { KeyId = keyId, PrimaryRegion = primaryRegion }, As(principal));

    [Fact]
    public async Task rotation_period_is_the_requested_one_or_aws_default_of_365_days()
    {
        var key = await NewKey();

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.Send<EmptyResponse>(new EnableKeyRotationRequest { KeyId = key.KeyId }, As(Rotator)),
            "AccessDeniedException", NoIdentityAllow(Rotator, "kms:EnableKeyRotation", key.Arn!));
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.Send<EmptyResponse>(new EnableKeyRotationRequest { KeyId = key.KeyId, RotationPeriodInDays = 181 }, As(Rotator)),
            "AccessDeniedException", NoIdentityAllow(Rotator, "kms:EnableKeyRotation", key.Arn!));
        Assert.False((await RotationStatus(key.KeyId!)).KeyRotationEnabled);

        await Engine.Send<EmptyResponse>(new EnableKeyRotationRequest { KeyId = key.KeyId, RotationPeriodInDays = 90 }, As(Rotator));
        var status = await RotationStatus(key.KeyId!);
        Assert.Equal((true, 90), (status.KeyRotationEnabled, status.RotationPeriodInDays));
    }

    [Fact]
    public async Task bypass_policy_lockout_safety_check_is_the_requests_flag()
    {
        var key = await NewKey();
        var policy = KeyPolicy("""{"Sid":"Describe for everyone of the account","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"kms:DescribeKey","Resource":"*"}""");
        var before = await KeyPolicyOf(key.KeyId!);

        await AssertRefused(() => PutKeyPolicy(key.KeyId!, policy, bypass: true), "AccessDeniedException",
            IdentityDeny(PolicyAdmin, "kms:PutKeyPolicy", key.Arn!));
        Assert.Equal(before, await KeyPolicyOf(key.KeyId!));

        await PutKeyPolicy(key.KeyId!, policy, bypass: null);
        Assert.Equal(policy, await KeyPolicyOf(key.KeyId!));
        await PutKeyPolicy(key.KeyId!, before, bypass: false);
        Assert.Equal(before, await KeyPolicyOf(key.KeyId!));
    }

    private Task PutKeyPolicy(string keyId, string policy, bool? bypass) =>
        Engine.Send<EmptyResponse>(new PutKeyPolicyRequest { KeyId = keyId, PolicyName = "default", Policy = policy, BypassPolicyLockoutSafetyCheck = bypass }, As(PolicyAdmin));

    private async Task<string> KeyPolicyOf(string keyId) =>
        (await Engine.Send<GetKeyPolicyResponse>(new GetKeyPolicyRequest { KeyId = keyId, PolicyName = "default" })).Policy!;

    private Task<GetKeyRotationStatusResponse> RotationStatus(string keyId) =>
        Engine.Send<GetKeyRotationStatusResponse>(new GetKeyRotationStatusRequest { KeyId = keyId });
}
