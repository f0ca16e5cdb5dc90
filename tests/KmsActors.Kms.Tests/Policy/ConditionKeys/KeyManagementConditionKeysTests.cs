using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using static KmsActors.Kms.Tests.Policy.ConditionKeys.ContextFixture;

namespace KmsActors.Kms.Tests.Policy.ConditionKeys;

/// <summary>The request keys of key creation, import, rotation, deletion, policy, Regions and tags.</summary>
public sealed class KeyManagementConditionKeysTests
{
    [Fact]
    public void create_key_describes_the_key_the_request_would_create()
    {
        var context = Build("CreateKey", new CreateKeyRequest
        {
            KeySpec = KeySpec.RSA_4096, KeyUsage = KeyUsageType.SIGN_VERIFY, Origin = OriginType.EXTERNAL, MultiRegion = true,
        });

        Assert.Equal("RSA_4096", context.Value("kms:KeySpec"));
        Assert.Equal("RSA_4096", context.Value("kms:CustomerMasterKeySpec"));
        Assert.Equal("SIGN_VERIFY", context.Value("kms:KeyUsage"));
        Assert.Equal("SIGN_VERIFY", context.Value("kms:CustomerMasterKeyUsage"));
        Assert.Equal("EXTERNAL", context.Value("kms:KeyOrigin"));
        Assert.Equal("true", context.Value("kms:MultiRegion"));
        Assert.Equal("PRIMARY", context.Value("kms:MultiRegionKeyType"));
    }

    [Fact]
    public void create_key_without_members_has_aws_s_defaults()
    {
        var context = Build("CreateKey", new CreateKeyRequest());

        Assert.Equal("SYMMETRIC_DEFAULT", context.Value("kms:KeySpec"));
        Assert.Equal("ENCRYPT_DECRYPT", context.Value("kms:KeyUsage"));
        Assert.Equal("AWS_KMS", context.Value("kms:KeyOrigin"));
        Assert.Equal("false", context.Value("kms:MultiRegion"));
        Assert.False(context.Has("kms:MultiRegionKeyType"));
        Assert.False(context.Has("kms:BypassPolicyLockoutSafetyCheck"));
        Assert.False(context.Has("aws:TagKeys"));
    }

    [Fact]
    public void create_key_with_only_the_legacy_customer_master_key_spec_has_it_as_key_spec()
    {
        var context = Build("CreateKey", new CreateKeyRequest { CustomerMasterKeySpec = CustomerMasterKeySpec.ECC_NIST_P384 });

        Assert.Equal("ECC_NIST_P384", context.Value("kms:KeySpec"));
    }

    [Theory]
    [InlineData("CreateKey")]
    [InlineData("PutKeyPolicy")]
    public void bypassing_the_policy_lockout_safety_check_is_in_the_context(string action)
    {
        object request = action == "CreateKey"
            ? new CreateKeyRequest { BypassPolicyLockoutSafetyCheck = true }
            : new PutKeyPolicyRequest { BypassPolicyLockoutSafetyCheck = false };

        var context = Build(action, request, action == "CreateKey" ? null : Key());

        Assert.Equal(action == "CreateKey" ? "true" : "false", context.Value("kms:BypassPolicyLockoutSafetyCheck"));
    }

    [Fact]
    public void put_key_policy_without_the_bypass_member_has_no_bypass_key()
    {
        Assert.False(Build("PutKeyPolicy", new PutKeyPolicyRequest(), Key()).Has("kms:BypassPolicyLockoutSafetyCheck"));
    }

    [Fact]
    public void create_key_s_tags_are_request_tags_and_tag_keys()
    {
        var context = Build("CreateKey", new CreateKeyRequest { Tags = [new Tag { TagKey = "team", TagValue = "blue" }, new Tag { TagKey = "cost", TagValue = "42" }] });

        Assert.Equal("blue", context.Value("aws:RequestTag/team"));
        Assert.Equal("42", context.Value("aws:RequestTag/cost"));
        Assert.Equal(["cost", "team"], context.Values("aws:TagKeys"));
    }

    [Fact]
    public void tag_resource_s_tags_are_request_tags_and_tag_keys()
    {
        var context = Build("TagResource", new TagResourceRequest { Tags = [new Tag { TagKey = "team", TagValue = "red" }] }, Key());

        Assert.Equal("red", context.Value("aws:RequestTag/team"));
        Assert.Equal(["team"], context.Values("aws:TagKeys"));
    }

    [Fact]
    public void untag_resource_s_tag_keys_are_its_tag_keys_without_request_tags()
    {
        var context = Build("UntagResource", new UntagResourceRequest { TagKeys = ["team", "cost"] }, Key());

        Assert.Equal(["team", "cost"], context.Values("aws:TagKeys"));
        Assert.False(context.Has("aws:RequestTag/team"));
    }

    [Fact]
    public void the_tag_permission_of_replicate_key_sees_the_request_s_tags()
    {
        var request = new ReplicateKeyRequest { ReplicaRegion = "eu-west-3", Tags = [new Tag { TagKey = "team", TagValue = "blue" }] };

        var tagging = Build("TagResource", request, Key());
        var replicating = Build("ReplicateKey", request, Key());

        Assert.Equal("blue", tagging.Value("aws:RequestTag/team"));
        Assert.False(replicating.Has("aws:RequestTag/team"));
        Assert.False(replicating.Has("aws:TagKeys"));
    }

    [Fact]
    public void replicate_key_carries_the_replica_region()
    {
        Assert.Equal("eu-west-3", Build("ReplicateKey", new ReplicateKeyRequest { ReplicaRegion = "eu-west-3" }, Key()).Value("kms:ReplicaRegion"));
    }

    [Fact]
    public void a_replica_region_does_not_apply_to_update_primary_region()
    {
        Assert.False(Build("UpdatePrimaryRegion", new ReplicateKeyRequest { ReplicaRegion = "eu-west-3" }, Key()).Has("kms:ReplicaRegion"));
    }

    [Fact]
    public void update_primary_region_carries_the_primary_region()
    {
        Assert.Equal("ap-southeast-2", Build("UpdatePrimaryRegion", new UpdatePrimaryRegionRequest { PrimaryRegion = "ap-southeast-2" }, Key()).Value("kms:PrimaryRegion"));
    }

    [Fact]
    public void a_primary_region_does_not_apply_to_replicate_key()
    {
        Assert.False(Build("ReplicateKey", new UpdatePrimaryRegionRequest { PrimaryRegion = "ap-southeast-2" }, Key()).Has("kms:PrimaryRegion"));
    }

    [Fact]
    public void get_parameters_for_import_carries_the_wrapping_algorithm_and_key_spec()
    {
        var context = Build("GetParametersForImport", new GetParametersForImportRequest
        {
            WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_4096,
        }, Key(origin: OriginType.EXTERNAL));

        Assert.Equal("RSA_AES_KEY_WRAP_SHA_256", context.Value("kms:WrappingAlgorithm"));
        Assert.Equal("RSA_4096", context.Value("kms:WrappingKeySpec"));
    }

    [Fact]
    public void wrapping_keys_do_not_apply_to_import_key_material()
    {
        var context = Build("ImportKeyMaterial", new GetParametersForImportRequest { WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256 }, Key());

        Assert.False(context.Has("kms:WrappingAlgorithm"));
        Assert.False(context.Has("kms:WrappingKeySpec"));
    }

    [Fact]
    public void import_key_material_carries_the_expiration_model_and_valid_to_in_epoch_seconds()
    {
        var context = Build("ImportKeyMaterial", new ImportKeyMaterialRequest
        {
            ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES,
            ValidTo = new DateTimeOffset(2018, 12, 31, 11, 59, 59, TimeSpan.Zero),
        }, Key(origin: OriginType.EXTERNAL));

        Assert.Equal("KEY_MATERIAL_EXPIRES", context.Value("kms:ExpirationModel"));
        Assert.Equal("1546257599", context.Value("kms:ValidTo"));
    }

    [Fact]
    public void import_key_material_without_expiration_model_or_valid_to_has_neither_key()
    {
        var context = Build("ImportKeyMaterial", new ImportKeyMaterialRequest(), Key(origin: OriginType.EXTERNAL));

        Assert.False(context.Has("kms:ExpirationModel"));
        Assert.False(context.Has("kms:ValidTo"));
    }

    [Fact]
    public void enable_key_rotation_carries_its_rotation_period_or_the_default_365_days()
    {
        Assert.Equal("90", Build("EnableKeyRotation", new EnableKeyRotationRequest { RotationPeriodInDays = 90 }, Key()).Value("kms:RotationPeriodInDays"));
        Assert.Equal("365", Build("EnableKeyRotation", new EnableKeyRotationRequest(), Key()).Value("kms:RotationPeriodInDays"));
    }

    [Fact]
    public void a_rotation_period_does_not_apply_to_rotate_key_on_demand()
    {
        Assert.False(Build("RotateKeyOnDemand", new EnableKeyRotationRequest { RotationPeriodInDays = 90 }, Key()).Has("kms:RotationPeriodInDays"));
    }

    [Fact]
    public void schedule_key_deletion_carries_its_waiting_period_or_the_default_30_days()
    {
        Assert.Equal("7", Build("ScheduleKeyDeletion", new ScheduleKeyDeletionRequest { PendingWindowInDays = 7 }, Key()).Value("kms:ScheduleKeyDeletionPendingWindowInDays"));
        Assert.Equal("30", Build("ScheduleKeyDeletion", new ScheduleKeyDeletionRequest(), Key()).Value("kms:ScheduleKeyDeletionPendingWindowInDays"));
    }

    [Fact]
    public void a_waiting_period_does_not_apply_to_cancel_key_deletion()
    {
        Assert.False(Build("CancelKeyDeletion", new ScheduleKeyDeletionRequest { PendingWindowInDays = 7 }, Key()).Has("kms:ScheduleKeyDeletionPendingWindowInDays"));
    }

    [Fact]
    public void create_key_properties_do_not_apply_to_create_custom_key_store()
    {
        var context = Build("CreateCustomKeyStore", new CreateKeyRequest { KeySpec = KeySpec.RSA_2048 });

        Assert.False(context.Has("kms:KeySpec"));
        Assert.Equal(Account, context.Value("kms:CallerAccount"));
    }
}
