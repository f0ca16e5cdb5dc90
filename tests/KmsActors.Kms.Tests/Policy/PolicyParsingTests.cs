using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using static KmsActors.Kms.Tests.Policy.PolicyTestKit;

namespace KmsActors.Kms.Tests.Policy;

public sealed class PolicyParsingTests
{
    private static KmsException Refused(string json, PolicyKind kind = PolicyKind.KeyPolicy) =>
        Assert.Throws<KmsException>(() => PolicyDocument.Parse(json, kind));

    private static string KeyStatement(string body) => $$"""{"Version":"2012-10-17","Statement":[{{{body}}}]}""";

    [Fact]
    public void the_default_key_policy_parses_with_its_text_and_one_statement()
    {
        var policy = Key(SamplePolicies.DefaultKeyPolicy);

        Assert.Equal(SamplePolicies.DefaultKeyPolicy, policy.Json);
        Assert.Equal("2012-10-17", policy.Version);
        Assert.Equal("key-default-1", policy.Id);
        var statement = Assert.Single(policy.Statements);
        Assert.Equal("Enable IAM User Permissions", statement.Sid);
        Assert.Equal(PolicyEffect.Allow, statement.Effect);
        Assert.False(statement.HasConditions);
    }

    [Fact]
    public void the_sample_policies_parse_with_their_statements_and_conditions()
    {
        Assert.Equal(4, Key(SamplePolicies.ConsoleDefaultKeyPolicy).Statements.Count);
        var ten = Key(SamplePolicies.TenStatementPolicy);
        Assert.Equal(10, ten.Statements.Count);
        Assert.True(ten.HasConditions);
        var finance = ten.Statements[2].Conditions;
        Assert.Equal(["StringEquals", "ForAllValues:StringEquals"], finance.Select(c => c.Operator));
        Assert.Equal(["Department", "Project"], finance[1].Values);
    }

    [Fact]
    public void a_single_statement_object_and_json_numbers_and_booleans_as_values_are_accepted()
    {
        var policy = Key("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"NumericLessThan":{"kms:ValidTo":1767225600},"Bool":{"kms:GrantIsForAWSResource":true}}}}""");

        Assert.Null(policy.Version);
        Assert.Equal(["1767225600"], policy.Statements[0].Conditions[0].Values);
        Assert.Equal(["true"], policy.Statements[0].Conditions[1].Values);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"Version\":\"2012-10-17\",")]
    public void text_that_is_not_a_json_object_is_a_malformed_policy(string json)
    {
        var error = Refused(json);

        Assert.Equal(KmsErrorCodes.MalformedPolicyDocumentException, error.ErrorCode);
        Assert.Equal("The key policy is not a valid JSON policy document.", error.Message);
    }

    public static TheoryData<string, string> MalformedKeyPolicies => new()
    {
        { """{"Version":"2012-10-17","Statement":[],"Extra":1}""", "Policy document contains an unknown element: Extra." },
        { """{"Version":"2012-10-18","Statement":[]}""", "The policy document's Version must be \"2012-10-17\" or \"2008-10-17\"." },
        { """{"Version":"2012-10-17"}""", "Policy document must contain a Statement." },
        { """{"Version":"2012-10-17","Statement":[]}""", "Policy document must contain a Statement." },
        { KeyStatement("""  "Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Actions":"x" """), "Policy contains a statement with an unknown element: Actions." },
        { KeyStatement("""  "Principal":"*","Action":"kms:*","Resource":"*" """), "Policy contains a statement with no Effect." },
        { KeyStatement("""  "Effect":"allow","Principal":"*","Action":"kms:*","Resource":"*" """), "Policy contains a statement with an invalid Effect: it must be \"Allow\" or \"Deny\"." },
        { KeyStatement("""  "Effect":"Allow","Action":"kms:*","Resource":"*" """), "Policy contains a statement with no Principal or NotPrincipal." },
        { KeyStatement("""  "Effect":"Allow","Principal":"*","NotPrincipal":"*","Action":"kms:*","Resource":"*" """), "Policy contains a statement with both Principal and NotPrincipal." },
        { KeyStatement("""  "Effect":"Allow","Principal":"*","Action":"kms:*","NotAction":"kms:Decrypt","Resource":"*" """), "Policy contains a statement with both Action and NotAction." },
        { KeyStatement("""  "Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringEqualz":{"kms:ViaService":"x"}} """), "Policy contains a statement with an unknown condition operator: StringEqualz." },
        { KeyStatement("""  "Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"NullIfExists":{"kms:ViaService":"true"}} """), "Policy contains a statement with an unknown condition operator: NullIfExists." },
        { KeyStatement("""  "Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":{"a":1}}} """), "Policy contains a statement with an invalid value for the condition key kms:ViaService." },
        { KeyStatement("""  "Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/Project":"x"}} """), "These condition keys are not permitted in a key policy: aws:ResourceTag, kms:ResourceTag, kms:ResourceAliases" },
        { KeyStatement("""  "Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"ForAnyValue:StringLike":{"kms:ResourceAliases":"alias/x*"}} """), "These condition keys are not permitted in a key policy: aws:ResourceTag, kms:ResourceTag, kms:ResourceAliases" },
    };

    [Theory]
    [MemberData(nameof(MalformedKeyPolicies))]
    public void a_malformed_key_policy_is_refused_with_its_message(string json, string message)
    {
        var error = Refused(json);

        Assert.Equal(KmsErrorCodes.MalformedPolicyDocumentException, error.ErrorCode);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("\"arn:aws:iam::111122223333:group/Admins\"")]
    [InlineData("\"arn:aws:iam::11112222333:root\"")]
    [InlineData("\"11112222333\"")]
    [InlineData("\"arn:aws:iam::111122223333:role/*\"")]
    [InlineData("\"ExampleRole\"")]
    [InlineData("\"s3.amazonaws.com\"")]
    [InlineData("[]")]
    public void an_invalid_aws_principal_is_refused_with_aws_message(string principal)
    {
        var error = Refused(KeyStatement($$""" "Effect":"Allow","Principal":{"AWS":{{principal}}},"Action":"kms:*","Resource":"*" """));

        Assert.Equal(KmsErrorCodes.MalformedPolicyDocumentException, error.ErrorCode);
        Assert.Equal("Policy contains a statement with one or more invalid principals.", error.Message);
    }

    [Theory]
    [InlineData("""{"Service":"not-a-service"}""")]
    [InlineData("""{"Service":"*"}""")]
    [InlineData("""{"Federated":"cognito-identity.amazonaws.com"}""")]
    [InlineData("""{}""")]
    [InlineData("\"arn:aws:iam::111122223333:root\"")]
    public void a_principal_of_an_unknown_form_is_refused_as_invalid(string principal)
    {
        var error = Refused(KeyStatement($$""" "Effect":"Allow","Principal":{{principal}},"Action":"kms:*","Resource":"*" """));

        Assert.Equal("Policy contains a statement with one or more invalid principals.", error.Message);
    }

    [Fact]
    public void every_documented_principal_form_is_accepted()
    {
        var policy = Key(KeyStatement("""
             "Effect":"Allow","Action":"kms:*","Resource":"*",
             "Principal":{"AWS":["*","123456789012","arn:aws:iam::111122223333:root","arn:aws:iam::111122223333:user/Alice",
               "arn:aws:iam::111122223333:role/path/ExampleRole","arn:aws:sts::111122223333:assumed-role/ExampleRole/session",
               "arn:aws:sts::111122223333:federated-user/Bob"],"Service":["dynamodb.amazonaws.com"]}
            """));

        Assert.Single(policy.Statements);
    }

    [Fact]
    public void a_key_policy_statement_without_action_or_resource_is_accepted_but_never_applies()
    {
        var policy = Key(KeyStatement(""" "Sid":"NoResource","Effect":"Allow","Principal":"*","Action":"kms:*" """));

        Assert.True(policy.Statements[0].IsInert);
        var decision = PolicyEvaluator.Evaluate(Request("arn:aws:iam::111122223333:root", "kms:Encrypt"), policy, [], false);
        Assert.Equal(AuthorizationOutcome.ImplicitDeny, decision.Outcome);
    }

    [Fact]
    public void an_identity_policy_with_a_principal_is_refused()
    {
        var error = Refused("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}""", PolicyKind.IdentityPolicy);

        Assert.Equal(KmsErrorCodes.MalformedPolicyDocumentException, error.ErrorCode);
        Assert.Equal("Policy document should not specify a principal.", error.Message);
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Resource":"*"}""", "Policy contains a statement with no Action or NotAction.")]
    [InlineData("""{"Effect":"Allow","Action":"kms:*"}""", "Policy contains a statement with no Resource or NotResource.")]
    public void an_identity_policy_statement_needs_action_and_resource(string statement, string message)
    {
        var error = Refused($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""", PolicyKind.IdentityPolicy);

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void a_key_policy_over_32_kb_is_refused_with_limit_exceeded()
    {
        var padding = new string(' ', PolicyDocument.MaxKeyPolicyLength - SamplePolicies.DefaultKeyPolicy.Length + 1);
        var error = Refused(SamplePolicies.DefaultKeyPolicy + padding);

        Assert.Equal(KmsErrorCodes.LimitExceededException, error.ErrorCode);
        Assert.Equal("The key policy exceeds the maximum size of 32768 characters.", error.Message);
    }

    [Fact]
    public void a_key_policy_of_exactly_32_kb_is_accepted()
    {
        var padding = new string(' ', PolicyDocument.MaxKeyPolicyLength - SamplePolicies.DefaultKeyPolicy.Length);

        Assert.Equal(PolicyDocument.MaxKeyPolicyLength, Key(SamplePolicies.DefaultKeyPolicy + padding).Json.Length);
    }

    [Fact]
    public void the_lockout_message_is_aws_text()
    {
        Assert.Equal("The new key policy will not allow you to update the key policy in the future.", PolicyDocument.LockoutMessage);
    }
}
