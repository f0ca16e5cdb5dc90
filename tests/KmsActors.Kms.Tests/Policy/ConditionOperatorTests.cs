using static KmsActors.Kms.Tests.Policy.PolicyTestKit;

namespace KmsActors.Kms.Tests.Policy;

/// <summary>Each operator family against present, absent and multi-valued keys (IAM's condition operator reference).</summary>
public sealed class ConditionOperatorTests
{
    [Theory]
    [InlineData("""{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}""", "kms:ViaService=s3.us-east-1.amazonaws.com", true)]
    [InlineData("""{"StringEquals":{"kms:ViaService":"S3.us-east-1.amazonaws.com"}}""", "kms:ViaService=s3.us-east-1.amazonaws.com", false)]
    [InlineData("""{"StringEquals":{"KMS:VIASERVICE":"s3.us-east-1.amazonaws.com"}}""", "kms:ViaService=s3.us-east-1.amazonaws.com", true)]
    [InlineData("""{"StringEquals":{"kms:ViaService":["ec2.us-east-1.amazonaws.com","s3.us-east-1.amazonaws.com"]}}""", "kms:ViaService=s3.us-east-1.amazonaws.com", true)]
    [InlineData("""{"StringNotEquals":{"kms:ViaService":["ec2.us-east-1.amazonaws.com","s3.us-east-1.amazonaws.com"]}}""", "kms:ViaService=s3.us-east-1.amazonaws.com", false)]
    [InlineData("""{"StringNotEquals":{"kms:ViaService":["ec2.us-east-1.amazonaws.com","rds.us-east-1.amazonaws.com"]}}""", "kms:ViaService=s3.us-east-1.amazonaws.com", true)]
    [InlineData("""{"StringEqualsIgnoreCase":{"kms:ViaService":"S3.US-EAST-1.amazonaws.com"}}""", "kms:ViaService=s3.us-east-1.amazonaws.com", true)]
    [InlineData("""{"StringNotEqualsIgnoreCase":{"kms:ViaService":"S3.US-EAST-1.amazonaws.com"}}""", "kms:ViaService=s3.us-east-1.amazonaws.com", false)]
    [InlineData("""{"StringLike":{"kms:ViaService":"s3.*.amazonaws.com"}}""", "kms:ViaService=s3.us-east-1.amazonaws.com", true)]
    [InlineData("""{"StringLike":{"kms:ViaService":"s?.us-east-1.amazonaws.com"}}""", "kms:ViaService=s3.us-east-1.amazonaws.com", true)]
    [InlineData("""{"StringLike":{"kms:ViaService":"S3.*"}}""", "kms:ViaService=s3.us-east-1.amazonaws.com", false)]
    [InlineData("""{"StringNotLike":{"kms:ViaService":"ec2.*"}}""", "kms:ViaService=s3.us-east-1.amazonaws.com", true)]
    public void string_operators_compare_values_case_sensitively_unless_ignore_case(string condition, string context, bool expected) =>
        Assert.Equal(expected, Holds(condition, Context(context)));

    [Theory]
    [InlineData("""{"StringEquals":{"kms:ViaService":"x"}}""", false)]
    [InlineData("""{"StringNotEquals":{"kms:ViaService":"x"}}""", true)]
    [InlineData("""{"StringNotLike":{"kms:ViaService":"x*"}}""", true)]
    [InlineData("""{"StringEqualsIfExists":{"kms:ViaService":"x"}}""", true)]
    [InlineData("""{"NumericLessThan":{"kms:ValidTo":"5"}}""", false)]
    [InlineData("""{"NumericNotEquals":{"kms:ValidTo":"5"}}""", true)]
    [InlineData("""{"NumericLessThanIfExists":{"kms:ValidTo":"5"}}""", true)]
    [InlineData("""{"DateLessThan":{"kms:ValidTo":"2030-01-01T00:00:00Z"}}""", false)]
    [InlineData("""{"Bool":{"kms:GrantIsForAWSResource":"true"}}""", false)]
    [InlineData("""{"BoolIfExists":{"kms:GrantIsForAWSResource":"true"}}""", true)]
    [InlineData("""{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/x"}}""", false)]
    [InlineData("""{"ArnNotLike":{"aws:SourceArn":"arn:aws:iam::*:role/x"}}""", true)]
    [InlineData("""{"ForAnyValue:StringEquals":{"kms:EncryptionContextKeys":"a"}}""", false)]
    [InlineData("""{"ForAllValues:StringEquals":{"kms:EncryptionContextKeys":"a"}}""", true)]
    [InlineData("""{"ForAnyValue:StringNotEquals":{"kms:EncryptionContextKeys":"a"}}""", false)]
    public void a_key_missing_from_the_request_follows_aws_rules(string condition, bool expected) =>
        Assert.Equal(expected, Holds(condition, Context()));

    [Theory]
    [InlineData("""{"Null":{"kms:ExpirationModel":"true"}}""", false, true)]
    [InlineData("""{"Null":{"kms:ExpirationModel":"true"}}""", true, false)]
    [InlineData("""{"Null":{"kms:ExpirationModel":true}}""", false, true)]
    [InlineData("""{"Null":{"kms:ExpirationModel":"false"}}""", true, true)]
    [InlineData("""{"Null":{"kms:ExpirationModel":"false"}}""", false, false)]
    public void null_tests_whether_the_key_is_present(string condition, bool present, bool expected) =>
        Assert.Equal(expected, Holds(condition, present ? Context("kms:ExpirationModel=KEY_MATERIAL_DOES_NOT_EXPIRE") : Context()));

    [Theory]
    [InlineData("NumericEquals", "10", "10", true)]
    [InlineData("NumericEquals", "10", "10.0", true)]
    [InlineData("NumericNotEquals", "10", "11", true)]
    [InlineData("NumericLessThan", "10", "9", true)]
    [InlineData("NumericLessThan", "10", "10", false)]
    [InlineData("NumericLessThanEquals", "10", "10", true)]
    [InlineData("NumericGreaterThan", "10", "11", true)]
    [InlineData("NumericGreaterThan", "10", "10", false)]
    [InlineData("NumericGreaterThanEquals", "10", "10", true)]
    [InlineData("NumericEquals", "10", "ten", false)]
    public void numeric_operators_compare_numbers(string op, string policyValue, string requestValue, bool expected) =>
        Assert.Equal(expected, Holds($$$"""{"{{{op}}}":{"kms:ValidTo":"{{{policyValue}}}"}}""", Context($"kms:ValidTo={requestValue}")));

    [Theory]
    [InlineData("DateEquals", "2026-01-01T00:00:00Z", "1767225600", true)]
    [InlineData("DateEquals", "1767225600", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateEquals", "2026-01-01T01:00:00+01:00", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateNotEquals", "2026-01-01T00:00:00Z", "1767225601", true)]
    [InlineData("DateLessThan", "2026-01-01T00:00:00Z", "2025-12-31T23:59:59Z", true)]
    [InlineData("DateLessThan", "2026-01-01T00:00:00Z", "1767225600", false)]
    [InlineData("DateLessThanEquals", "2026-01-01T00:00:00Z", "1767225600", true)]
    [InlineData("DateGreaterThan", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", true)]
    [InlineData("DateGreaterThanEquals", "1767225600", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateGreaterThanEquals", "2026-01-01", "2025-12-31T00:00:00Z", false)]
    [InlineData("DateLessThan", "2030-01-01T00:00:00Z", "2026-02-30T00:00:00Z", false)]
    [InlineData("DateLessThan", "2030-01-01T00:00:00Z", "not a date", false)]
    [InlineData("DateLessThan", "2030-01-01T00:00:00Z", "2029-12-31T23:59:59.500Z", true)]
    public void date_operators_read_iso_8601_and_epoch_seconds_on_both_sides(string op, string policyValue, string requestValue, bool expected) =>
        Assert.Equal(expected, Holds($$$"""{"{{{op}}}":{"aws:CurrentTime":"{{{policyValue}}}"}}""", Context($"aws:CurrentTime={requestValue}")));

    [Theory]
    [InlineData("true", "true", true)]
    [InlineData("true", "false", false)]
    [InlineData("false", "false", true)]
    [InlineData("TRUE", "true", true)]
    public void bool_compares_truth_values(string policyValue, string requestValue, bool expected) =>
        Assert.Equal(expected, Holds($$$"""{"Bool":{"kms:GrantIsForAWSResource":"{{{policyValue}}}"}}""", Context($"kms:GrantIsForAWSResource={requestValue}")));

    [Theory]
    [InlineData("ArnEquals", "arn:aws:iam::111122223333:role/app", true)]
    [InlineData("ArnEquals", "arn:aws:iam::*:role/app", true)]
    [InlineData("ArnLike", "arn:aws:iam::111122223333:role/*", true)]
    [InlineData("ArnLike", "arn:aws:iam::111122223333:ROLE/*", false)]
    [InlineData("ArnLike", "arn:aws:*:*:*:*", true)]
    [InlineData("ArnLike", "arn:aws:iam::444455556666:*", false)]
    [InlineData("ArnNotEquals", "arn:aws:iam::111122223333:role/other", true)]
    [InlineData("ArnNotLike", "arn:aws:iam::111122223333:role/*", false)]
    public void arn_operators_match_each_part_of_the_arn(string op, string policyValue, bool expected) =>
        Assert.Equal(expected, Holds($$$"""{"{{{op}}}":{"aws:PrincipalArn":"{{{policyValue}}}"}}""", Context("aws:PrincipalArn=arn:aws:iam::111122223333:role/app")));

    [Fact]
    public void binary_equals_compares_the_base64_text() =>
        Assert.True(Holds("""{"BinaryEquals":{"kms:Blob":"QmluYXJ5"}}""", Context("kms:Blob=QmluYXJ5")));

    [Theory]
    [InlineData("IpAddress", "203.0.113.0/24", true)]
    [InlineData("IpAddress", "203.0.113.7", true)]
    [InlineData("IpAddress", "198.51.100.0/24", false)]
    [InlineData("NotIpAddress", "198.51.100.0/24", true)]
    public void ip_address_operators_test_cidr_ranges(string op, string range, bool expected) =>
        Assert.Equal(expected, Holds($$$"""{"{{{op}}}":{"aws:SourceIp":"{{{range}}}"}}""", Context("aws:SourceIp=203.0.113.7")));

    [Theory]
    [InlineData("[Department]", true)]
    [InlineData("[Department,Project]", true)]
    [InlineData("[Department,Owner]", false)]
    [InlineData("[]", true)]
    public void for_all_values_requires_every_request_value_in_the_policy_set(string keys, bool expected) =>
        Assert.Equal(expected, Holds("""{"ForAllValues:StringEquals":{"kms:EncryptionContextKeys":["Department","Project"]}}""", Context($"kms:EncryptionContextKeys={keys}")));

    [Theory]
    [InlineData("[Owner,Department]", true)]
    [InlineData("[Owner]", false)]
    [InlineData("[]", false)]
    public void for_any_value_requires_one_request_value_in_the_policy_set(string keys, bool expected) =>
        Assert.Equal(expected, Holds("""{"ForAnyValue:StringEquals":{"kms:EncryptionContextKeys":["Department","Project"]}}""", Context($"kms:EncryptionContextKeys={keys}")));

    [Theory]
    [InlineData("[Department,Owner]", true)]
    [InlineData("[Department]", false)]
    public void for_any_value_with_a_negated_operator_needs_one_value_outside_the_set(string keys, bool expected) =>
        Assert.Equal(expected, Holds("""{"ForAnyValue:StringNotEquals":{"kms:EncryptionContextKeys":["Department","Project"]}}""", Context($"kms:EncryptionContextKeys={keys}")));

    [Theory]
    [InlineData("[Department,Project]", true)]
    [InlineData("[Department,x]", false)]
    public void for_all_values_string_like_matches_every_value_against_the_globs(string keys, bool expected) =>
        Assert.Equal(expected, Holds("""{"ForAllValues:StringLike":{"kms:EncryptionContextKeys":["Dep*","Pro?ect"]}}""", Context($"kms:EncryptionContextKeys={keys}")));

    [Fact]
    public void several_keys_and_operators_in_one_block_must_all_hold()
    {
        const string condition = """{"StringEquals":{"kms:CallerAccount":"111122223333","kms:ViaService":"s3.us-east-1.amazonaws.com"},"Bool":{"aws:SecureTransport":"true"}}""";

        Assert.True(Holds(condition, Context("kms:CallerAccount=111122223333", "kms:ViaService=s3.us-east-1.amazonaws.com", "aws:SecureTransport=true")));
        Assert.False(Holds(condition, Context("kms:CallerAccount=111122223333", "kms:ViaService=s3.us-east-1.amazonaws.com", "aws:SecureTransport=false")));
        Assert.False(Holds(condition, Context("kms:CallerAccount=111122223333", "aws:SecureTransport=true")));
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:user/Alice", "Alice", true)]
    [InlineData("arn:aws:iam::111122223333:user/Bob", "Alice", false)]
    [InlineData("arn:aws:sts::111122223333:assumed-role/app/s1", "Alice", false)]
    public void aws_username_is_replaced_with_the_caller_user_name(string caller, string owner, bool expected) =>
        Assert.Equal(expected, Holds("""{"StringEquals":{"kms:EncryptionContext:Owner":"${aws:username}"}}""", Context($"kms:EncryptionContext:Owner={owner}"), caller));

    [Fact]
    public void aws_principal_account_and_userid_variables_are_replaced()
    {
        Assert.True(Holds("""{"StringEquals":{"kms:CallerAccount":"${aws:PrincipalAccount}"}}""", Context("kms:CallerAccount=111122223333")));
        var alice = Kms.Policy.PrincipalInfo.FromArn("arn:aws:iam::111122223333:user/Alice");
        Assert.True(Holds("""{"StringLike":{"kms:EncryptionContext:Owner":"${aws:userid}*"}}""", Context($"kms:EncryptionContext:Owner={alice.UserId}:x")));
    }

    [Fact]
    public void variables_in_a_2008_version_policy_are_plain_text()
    {
        var policy = Identity("""{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:Owner":"${aws:username}"}}}]}""");
        var request = Request("arn:aws:iam::111122223333:user/Alice", "kms:Encrypt", context: Context("kms:EncryptionContext:Owner=${aws:username}"));

        Assert.True(Kms.Policy.PolicyEvaluator.Evaluate(request, null, [policy], false).IsAllowed);
    }
}
