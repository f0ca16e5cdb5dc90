using System.Diagnostics;
using KmsActors.Kms.Policy;
using static KmsActors.Kms.Tests.Policy.EvaluationMatrixPolicies;
using static KmsActors.Kms.Tests.Policy.PolicyTestKit;
using static KmsActors.Kms.Tests.Policy.SamplePolicies;

namespace KmsActors.Kms.Tests.Policy;

/// <summary>What a decision says besides its outcome: the reason, whether it may be cached, AWS's AccessDenied text, cost.</summary>
public sealed class PolicyEvaluatorTests
{
    private static AuthorizationDecision Evaluate(string? keyPolicy, string caller, string action, ConditionContext? context = null,
        string[]? identities = null, bool grant = false) =>
        PolicyEvaluator.Evaluate(Request(caller, action, context: context), keyPolicy is null ? null : Key(keyPolicy),
            (identities ?? []).Select(Identity).ToArray(), grant);

    [Fact]
    public void a_user_without_identity_policy_gets_aws_identity_based_access_denied_message()
    {
        var request = Request(Alice, "kms:Encrypt");
        var decision = PolicyEvaluator.Evaluate(request, Key(DefaultKeyPolicy), [], false);

        Assert.Equal(
            $"User: {Alice} is not authorized to perform: kms:Encrypt on resource: {KeyArn} because no identity-based policy allows the kms:Encrypt action",
            decision.ToException(request).Message);
        Assert.Equal("AccessDeniedException", decision.ToException(request).ErrorCode);
    }

    [Fact]
    public void a_key_policy_that_does_not_name_the_caller_gets_aws_resource_based_access_denied_message()
    {
        var request = Request(ExampleSession, "kms:ScheduleKeyDeletion");
        var decision = PolicyEvaluator.Evaluate(request, Key(KeyUsersOnly), [], false);

        Assert.Equal(
            $"User: {ExampleSession} is not authorized to perform: kms:ScheduleKeyDeletion on resource: {KeyArn} because no resource-based policy allows the kms:ScheduleKeyDeletion action",
            decision.ToException(request).Message);
    }

    [Fact]
    public void an_explicit_deny_in_the_key_policy_gets_aws_explicit_deny_message()
    {
        var request = Request(Root, "kms:Decrypt");
        var decision = PolicyEvaluator.Evaluate(request, Key(DenyDecryptToEveryone), [], false);

        Assert.Equal(
            $"User: {Root} is not authorized to perform: kms:Decrypt on resource: {KeyArn} with an explicit deny in a resource-based policy",
            decision.ToException(request).Message);
    }

    [Fact]
    public void an_explicit_deny_in_an_identity_policy_gets_aws_explicit_deny_message()
    {
        var request = Request(Alice, "kms:Decrypt");
        var decision = PolicyEvaluator.Evaluate(request, Key(DefaultKeyPolicy), [Identity(IdentityDeniesDecrypt)], false);

        Assert.Equal(
            $"User: {Alice} is not authorized to perform: kms:Decrypt on resource: {KeyArn} with an explicit deny in an identity-based policy",
            decision.ToException(request).Message);
    }

    [Fact]
    public void the_reason_names_the_deciding_statement_by_sid_or_position()
    {
        Assert.Equal("Allowed by key policy statement \"Enable IAM User Permissions\"", Evaluate(DefaultKeyPolicy, Root, "kms:Encrypt").Reason);
        Assert.Equal("Denied by identity policy statement \"NoDecrypt\"", Evaluate(DefaultKeyPolicy, Alice, "kms:Decrypt", identities: [IdentityDeniesDecrypt]).Reason);
        Assert.Equal(
            "Allowed by identity policy statement #1, which key policy statement \"Enable IAM User Permissions\" lets the account delegate",
            Evaluate(DefaultKeyPolicy, Alice, "kms:Encrypt", identities: [IdentityDeniesDecrypt]).Reason);
        Assert.Equal("Allowed by a grant", Evaluate(DefaultKeyPolicy, Alice, "kms:Encrypt", grant: true).Reason);
    }

    [Fact]
    public void a_decision_from_statements_without_conditions_does_not_depend_on_context()
    {
        Assert.False(Evaluate(DefaultKeyPolicy, Root, "kms:Encrypt").DependsOnContext);
        Assert.False(Evaluate(DefaultKeyPolicy, Alice, "kms:Encrypt").DependsOnContext);
        Assert.False(Evaluate(ConsoleDefaultKeyPolicy, ExampleSession, "kms:Encrypt").DependsOnContext);
    }

    [Fact]
    public void a_decision_touched_by_a_conditional_statement_depends_on_context()
    {
        Assert.True(Evaluate(ConsoleDefaultKeyPolicy, ExampleSession, "kms:CreateGrant").DependsOnContext);
        Assert.True(Evaluate(ConsoleDefaultKeyPolicy, ExampleSession, "kms:CreateGrant", Context("kms:GrantIsForAWSResource=true")).DependsOnContext);
        Assert.True(Evaluate(TenStatementPolicy, Root, "kms:Decrypt").DependsOnContext);
    }

    [Fact]
    public void a_conditional_statement_that_does_not_name_the_caller_leaves_the_decision_context_free()
    {
        // "Allow attachment of persistent resources" names ExampleRole only; Alice's answer cannot change with the context.
        Assert.False(Evaluate(ConsoleDefaultKeyPolicy, Alice, "kms:CreateGrant").DependsOnContext);
    }

    [Fact]
    public void a_conditional_identity_allow_does_not_bind_a_caller_the_key_policy_names()
    {
        var identity = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}""";

        var decision = Evaluate(ConsoleDefaultKeyPolicy, ExampleSession, "kms:Encrypt", identities: [identity]);

        Assert.True(decision.IsAllowed);
        Assert.False(decision.DependsOnContext);
    }

    [Fact]
    public void a_conditional_identity_allow_binds_a_caller_the_key_policy_delegates_for()
    {
        var identity = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}""";

        var decision = Evaluate(DefaultKeyPolicy, Alice, "kms:Encrypt", Context("aws:SecureTransport=true"), identities: [identity]);

        Assert.True(decision.IsAllowed);
        Assert.True(decision.DependsOnContext);
    }

    [Fact]
    public void a_resource_specific_identity_statement_makes_a_keyless_decision_context_dependent()
    {
        var identity = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:CreateAlias","Resource":"arn:aws:kms:us-east-1:111122223333:alias/app-*"}]}""";

        var decision = PolicyEvaluator.Evaluate(Request(Alice, "kms:CreateAlias", "arn:aws:kms:us-east-1:111122223333:alias/app-one"), null, [Identity(identity)], false);

        Assert.True(decision.IsAllowed);
        Assert.True(decision.DependsOnContext);
    }

    [Fact]
    public void the_root_with_the_default_key_policy_is_decided_without_allocating()
    {
        var policy = Key(DefaultKeyPolicy);
        var request = Request(Root, "kms:Encrypt");
        PolicyDocument[] none = [];
        for (var i = 0; i < 1000; i++)
            PolicyEvaluator.Evaluate(request, policy, none, false);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
            PolicyEvaluator.Evaluate(request, policy, none, false);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void the_ten_statement_policy_with_conditions_is_decided_in_microseconds()
    {
        var policy = Key(TenStatementPolicy);
        var request = Request(FinanceSession, "kms:Encrypt", context: Context(
            "kms:EncryptionContext:Department=Finance", "kms:EncryptionContextKeys=[Department,Project]", "aws:CurrentTime=2026-06-01T00:00:00Z",
            "kms:CallerAccount=111122223333", "aws:MultiFactorAuthPresent=false"));
        PolicyDocument[] none = [];
        for (var i = 0; i < 2000; i++)
            Assert.True(PolicyEvaluator.Evaluate(request, policy, none, false).IsAllowed);

        const int iterations = 20_000;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
            PolicyEvaluator.Evaluate(request, policy, none, false);
        var perCall = clock.Elapsed.TotalMicroseconds / iterations;

        // A generous bound for a shared 2-core machine; typical figures are well below one microsecond.
        Assert.True(perCall < 20, $"{perCall:F2} µs per evaluation");
    }
}
