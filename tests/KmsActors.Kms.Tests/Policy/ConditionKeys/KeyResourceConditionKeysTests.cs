using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using static KmsActors.Kms.Tests.Policy.ConditionKeys.ContextFixture;

namespace KmsActors.Kms.Tests.Policy.ConditionKeys;

/// <summary>The keys that describe the target key and the caller (docs/condition-keys.md, "KMS keys from the caller and
/// the key").</summary>
public sealed class KeyResourceConditionKeysTests
{
    [Fact]
    public void a_key_resource_action_has_the_key_s_origin_spec_usage_and_region_kind()
    {
        var context = Build("Sign", new SignRequest(), Key(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY, OriginType.EXTERNAL));

        Assert.Equal("EXTERNAL", context.Value("kms:KeyOrigin"));
        Assert.Equal("ECC_NIST_P256", context.Value("kms:KeySpec"));
        Assert.Equal("ECC_NIST_P256", context.Value("kms:CustomerMasterKeySpec"));
        Assert.Equal("SIGN_VERIFY", context.Value("kms:KeyUsage"));
        Assert.Equal("SIGN_VERIFY", context.Value("kms:CustomerMasterKeyUsage"));
        Assert.Equal("false", context.Value("kms:MultiRegion"));
        Assert.False(context.Has("kms:MultiRegionKeyType"));
    }

    [Fact]
    public void a_multi_region_replica_is_multi_region_of_type_replica()
    {
        var key = Key() with { MultiRegion = true, MultiRegionKeyType = MultiRegionKeyType.REPLICA };

        var context = Build("DescribeKey", new DescribeKeyRequest(), key);

        Assert.Equal("true", context.Value("kms:MultiRegion"));
        Assert.Equal("REPLICA", context.Value("kms:MultiRegionKeyType"));
    }

    [Theory]
    [InlineData("ListKeys")]
    [InlineData("ListAliases")]
    [InlineData("GenerateRandom")]
    [InlineData("CreateCustomKeyStore")]
    public void an_action_without_a_key_resource_has_no_key_properties_even_with_a_key_given(string action)
    {
        var key = Key().WithTags(("team", "blue")) with { MultiRegion = true, MultiRegionKeyType = MultiRegionKeyType.PRIMARY };
        var context = KmsConditionKeys.Build(Call(action, new ListKeysRequest(), key) with { ResourceAliases = ["alias/app"] });

        Assert.False(context.Has("kms:KeyOrigin"));
        Assert.False(context.Has("kms:KeySpec"));
        Assert.False(context.Has("kms:KeyUsage"));
        Assert.False(context.Has("kms:CustomerMasterKeySpec"));
        Assert.False(context.Has("kms:CustomerMasterKeyUsage"));
        Assert.False(context.Has("kms:MultiRegion"));
        Assert.False(context.Has("kms:MultiRegionKeyType"));
        Assert.False(context.Has("kms:ResourceAliases"));
        Assert.False(context.Has("aws:ResourceTag/team"));
    }

    [Fact]
    public void the_key_s_tags_are_resource_tags()
    {
        var context = Build("Decrypt", new DecryptRequest(), Key().WithTags(("team", "blue"), ("stage", "prod")));

        Assert.Equal("blue", context.Value("aws:ResourceTag/team"));
        Assert.Equal("prod", context.Value("aws:ResourceTag/stage"));
        Assert.False(context.Has("aws:ResourceTag/owner"));
    }

    [Fact]
    public void the_key_s_aliases_are_its_resource_aliases()
    {
        var context = KmsConditionKeys.Build(Call("EnableKey", new EnableKeyRequest(), Key()) with { ResourceAliases = ["alias/app", "alias/app-test"] });

        Assert.Equal(["alias/app", "alias/app-test"], context.Values("kms:ResourceAliases"));
    }

    [Fact]
    public void a_key_without_aliases_has_no_resource_aliases()
    {
        Assert.False(Build("EnableKey", new EnableKeyRequest(), Key()).Has("kms:ResourceAliases"));
    }

    [Fact]
    public void the_caller_s_account_is_the_caller_account_of_a_key_action()
    {
        var context = KmsConditionKeys.Build(Call("Encrypt", new EncryptRequest(), Key(), PrincipalInfo.FromArn("arn:aws:iam::444455556666:role/app")));

        Assert.Equal("444455556666", context.Value("kms:CallerAccount"));
    }

    [Fact]
    public void list_keys_has_no_caller_account()
    {
        Assert.False(Build("ListKeys", new ListKeysRequest()).Has("kms:CallerAccount"));
    }

    [Fact]
    public void a_call_through_a_service_names_it_as_via_service()
    {
        var context = KmsConditionKeys.Build(Call("Decrypt", new DecryptRequest(), Key()) with { ViaService = "ec2.us-east-1.amazonaws.com" });

        Assert.Equal("ec2.us-east-1.amazonaws.com", context.Value("kms:ViaService"));
    }

    [Fact]
    public void a_direct_call_has_no_via_service()
    {
        Assert.False(Build("Decrypt", new DecryptRequest(), Key()).Has("kms:ViaService"));
    }

    [Fact]
    public void an_action_that_does_not_list_via_service_has_none_even_through_a_service()
    {
        var context = KmsConditionKeys.Build(Call("ListAliases", new ListAliasesRequest()) with { ViaService = "ec2.us-east-1.amazonaws.com" });

        Assert.False(context.Has("kms:ViaService"));
    }

    [Fact]
    public void the_alias_the_caller_named_the_key_by_is_the_request_alias()
    {
        var context = KmsConditionKeys.Build(Call("GenerateDataKey", new GenerateDataKeyRequest(), Key()) with { RequestAlias = "alias/finance-key" });

        Assert.Equal("alias/finance-key", context.Value("kms:RequestAlias"));
    }

    [Fact]
    public void an_alias_arn_gives_the_alias_name_as_request_alias()
    {
        var facts = Call("DescribeKey", new DescribeKeyRequest(), Key()) with { RequestAlias = "arn:aws:kms:us-east-1:111122223333:alias/finance-key" };

        Assert.Equal("alias/finance-key", KmsConditionKeys.Build(facts).Value("kms:RequestAlias"));
    }

    [Fact]
    public void a_key_named_by_its_id_has_no_request_alias()
    {
        Assert.False(Build("Encrypt", new EncryptRequest(), Key()).Has("kms:RequestAlias"));
    }

    [Fact]
    public void alias_operations_have_no_request_alias()
    {
        var context = KmsConditionKeys.Build(Call("DeleteAlias", new DeleteAliasRequest(), Key()) with { RequestAlias = "alias/app" });

        Assert.False(context.Has("kms:RequestAlias"));
        Assert.Equal("SYMMETRIC_DEFAULT", context.Value("kms:KeySpec"));
    }
}
