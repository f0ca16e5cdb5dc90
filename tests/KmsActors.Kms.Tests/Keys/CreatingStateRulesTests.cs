using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Keys.TestKeys;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>AWS: a replica in the transient Creating state can be read and managed but not used; everything else is
/// KMSInvalidStateException "&lt;key ARN&gt; is creating." (docs/multi-region-keys.md).</summary>
public sealed class CreatingStateRulesTests
{
    public static TheoryData<string> Allowed() =>
    [
        "DescribeKey", "GetKeyRotationStatus", "ListKeyRotations", "TagResource", "UntagResource", "ListResourceTags",
        "UpdateKeyDescription", "GetKeyPolicy", "PutKeyPolicy", "ListKeyPolicies", "CreateAlias",
        "CreateGrant", "ListGrants", "RetireGrant", "RevokeGrant",
    ];

    public static TheoryData<string> Refused() =>
    [
        "Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "GenerateDataKeyPair",
        "GenerateDataKeyPairWithoutPlaintext", "Sign", "Verify", "GenerateMac", "VerifyMac", "GetPublicKey", "DeriveSharedSecret",
        "EnableKey", "DisableKey", "EnableKeyRotation", "DisableKeyRotation", "RotateKeyOnDemand", "GetParametersForImport",
        "ImportKeyMaterial", "DeleteImportedKeyMaterial", "ScheduleKeyDeletion", "CancelKeyDeletion", "ReplicateKey",
    ];

    private static KmsKey Creating() => AwsKms(KeyState.Enabled) with { State = KeyState.Creating, MultiRegion = true, MultiRegionKeyType = MultiRegionKeyType.REPLICA };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void a_creating_replica_may_be_read_and_managed(string operation)
    {
        var key = Creating();
        KeyRules.CheckState(key, operation);
        Assert.Equal(KeyState.Creating, key.State);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void a_creating_replica_refuses_use_and_key_state_changes_as_creating(string operation)
    {
        var key = Creating();
        var error = Assert.Throws<KmsException>(() => KeyRules.CheckState(key, operation));
        Assert.Equal((KmsErrorCodes.KMSInvalidStateException, $"{key.Arn} is creating."), (error.ErrorCode, error.Message));
    }

    [Fact]
    public void a_replica_completes_creation_at_its_moment_and_not_before()
    {
        var until = T0.AddSeconds(2);
        var key = Creating() with { CreatingUntil = until };

        Assert.Empty(KeyRules.CompleteReplicaCreation(key, until.AddMilliseconds(-1)).Events);
        var completed = KeyRules.CompleteReplicaCreation(key, until.AddSeconds(5)).Events.Aggregate(key, KeyRules.Apply);

        Assert.Equal((KeyState.Enabled, (DateTimeOffset?)null), (completed.State, completed.CreatingUntil));
        Assert.Equal(until, KeyRules.NextDueDate(key));
    }
}
