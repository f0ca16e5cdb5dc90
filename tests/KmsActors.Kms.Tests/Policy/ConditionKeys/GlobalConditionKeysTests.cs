using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using static KmsActors.Kms.Tests.Policy.ConditionKeys.ContextFixture;

namespace KmsActors.Kms.Tests.Policy.ConditionKeys;

/// <summary>The aws: keys every request carries (docs/condition-keys.md, "Global keys").</summary>
public sealed class GlobalConditionKeysTests
{
    private static ConditionContext As(string principalArn, string operation = "ListKeys", object? request = null, KmsKey? key = null) =>
        KmsConditionKeys.Build(Call(operation, request ?? new ListKeysRequest(), key, PrincipalInfo.FromArn(principalArn)));

    [Fact]
    public void a_user_has_its_arn_account_type_user_id_and_user_name()
    {
        var context = As("arn:aws:iam::111122223333:user/alice");

        Assert.Equal("arn:aws:iam::111122223333:user/alice", context.Value("aws:PrincipalArn"));
        Assert.Equal("111122223333", context.Value("aws:PrincipalAccount"));
        Assert.Equal("User", context.Value("aws:PrincipalType"));
        Assert.Equal(Alice.UserId, context.Value("aws:userid"));
        Assert.StartsWith("AIDA", context.Value("aws:userid"));
        Assert.Equal("alice", context.Value("aws:username"));
        Assert.Equal("false", context.Value("aws:PrincipalIsAWSService"));
    }

    [Fact]
    public void a_role_session_has_the_role_s_arn_and_no_user_name()
    {
        var context = As("arn:aws:sts::111122223333:assumed-role/app/worker-1");

        Assert.Equal("arn:aws:iam::111122223333:role/app", context.Value("aws:PrincipalArn"));
        Assert.Equal("AssumedRole", context.Value("aws:PrincipalType"));
        Assert.EndsWith(":worker-1", context.Value("aws:userid"));
        Assert.False(context.Has("aws:username"));
    }

    [Fact]
    public void the_root_user_is_of_type_account_with_the_account_as_user_id()
    {
        var context = As("arn:aws:iam::111122223333:root");

        Assert.Equal("Account", context.Value("aws:PrincipalType"));
        Assert.Equal("111122223333", context.Value("aws:userid"));
        Assert.False(context.Has("aws:username"));
    }

    [Fact]
    public void a_federated_user_is_of_type_federated_user()
    {
        Assert.Equal("FederatedUser", As("arn:aws:sts::111122223333:federated-user/bob").Value("aws:PrincipalType"));
    }

    [Fact]
    public void a_service_principal_has_its_service_name_and_no_arn_account_or_type()
    {
        var context = As("dynamodb.amazonaws.com", "Encrypt", new EncryptRequest(), Key());

        Assert.Equal("dynamodb.amazonaws.com", context.Value("aws:PrincipalServiceName"));
        Assert.Equal("true", context.Value("aws:PrincipalIsAWSService"));
        Assert.False(context.Has("aws:PrincipalArn"));
        Assert.False(context.Has("aws:PrincipalAccount"));
        Assert.False(context.Has("aws:PrincipalType"));
        Assert.False(context.Has("aws:userid"));
        Assert.False(context.Has("kms:CallerAccount"));
    }

    [Fact]
    public void an_iam_principal_has_no_service_name()
    {
        Assert.False(As("arn:aws:iam::111122223333:user/alice").Has("aws:PrincipalServiceName"));
    }

    [Fact]
    public void the_time_of_the_request_is_in_iso_8601_utc_and_in_epoch_seconds()
    {
        var context = KmsConditionKeys.Build(Call("ListKeys", new ListKeysRequest()) with { Now = new DateTimeOffset(2026, 12, 5, 18, 40, 37, TimeSpan.FromHours(2)) });

        Assert.Equal("2026-12-05T16:40:37Z", context.Value("aws:CurrentTime"));
        Assert.Equal("1796488837", context.Value("aws:EpochTime"));
    }

    [Fact]
    public void the_requested_region_source_ip_and_transport_are_the_call_s()
    {
        var context = KmsConditionKeys.Build(Call("ListKeys", new ListKeysRequest()) with { Region = "eu-west-3", SourceIp = "203.0.113.7", SecureTransport = false });

        Assert.Equal("eu-west-3", context.Value("aws:RequestedRegion"));
        Assert.Equal("203.0.113.7", context.Value("aws:SourceIp"));
        Assert.Equal("false", context.Value("aws:SecureTransport"));
    }

    [Fact]
    public void a_call_is_over_secure_transport_from_the_loopback_address_unless_told_otherwise()
    {
        var context = As("arn:aws:iam::111122223333:user/alice");

        Assert.Equal("true", context.Value("aws:SecureTransport"));
        Assert.Equal("127.0.0.1", context.Value("aws:SourceIp"));
    }

    [Fact]
    public void a_call_through_a_service_is_via_an_aws_service_and_a_direct_call_is_not()
    {
        var via = KmsConditionKeys.Build(Call("ListKeys", new ListKeysRequest()) with { ViaService = "ec2.us-east-1.amazonaws.com" });

        Assert.Equal("true", via.Value("aws:ViaAWSService"));
        Assert.Equal("false", As("arn:aws:iam::111122223333:user/alice").Value("aws:ViaAWSService"));
    }

    [Fact]
    public void a_key_resource_action_has_the_key_s_account_as_resource_account_and_a_keyless_action_has_none()
    {
        Assert.Equal(Account, Build("Encrypt", new EncryptRequest(), Key()).Value("aws:ResourceAccount"));
        Assert.False(Build("ListKeys", new ListKeysRequest(), Key()).Has("aws:ResourceAccount"));
    }

    [Fact]
    public void condition_key_names_are_found_whatever_their_case()
    {
        var context = As("arn:aws:iam::111122223333:user/alice");

        Assert.Equal("alice", context.Value("AWS:USERNAME"));
    }
}
