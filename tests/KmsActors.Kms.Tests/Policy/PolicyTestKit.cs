using KmsActors.Kms.Policy;

namespace KmsActors.Kms.Tests.Policy;

/// <summary>Builds requests and parses policies for the policy tests.</summary>
internal static class PolicyTestKit
{
    public static PolicyDocument Key(string json) => PolicyDocument.Parse(json, PolicyKind.KeyPolicy);

    public static PolicyDocument Identity(string json) => PolicyDocument.Parse(json, PolicyKind.IdentityPolicy);

    /// <summary>An identity policy of one Allow statement for <paramref name="action"/> on <paramref name="resource"/>.</summary>
    public static PolicyDocument IdentityAllowing(string action, string resource = "*", string effect = "Allow") =>
        Identity($$"""{"Version":"2012-10-17","Statement":[{"Effect":"{{effect}}","Action":"{{action}}","Resource":"{{resource}}"}]}""");

    /// <summary>Context entries: "key=value" single-valued, "key=[a,b]" multi-valued ("key=[]" an empty set).</summary>
    public static ConditionContext Context(params string[] entries)
    {
        var values = new Dictionary<string, ConditionValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var eq = entry.IndexOf('=');
            var (key, value) = (entry[..eq], entry[(eq + 1)..]);
            values[key] = value.StartsWith('[') && value.EndsWith(']')
                ? ConditionValues.Multi(value[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries))
                : ConditionValues.Single(value);
        }
        return new ConditionContext(values);
    }

    public static AuthorizationRequest Request(string callerArn, string action, string resource = SamplePolicies.KeyArn,
        string resourceAccount = SamplePolicies.AccountA, ConditionContext? context = null) => new()
    {
        Principal = PrincipalInfo.FromArn(callerArn),
        Action = action,
        Resource = resource,
        ResourceAccount = resourceAccount,
        Context = context ?? ConditionContext.Empty,
    };

    /// <summary>Evaluates one condition block (as a single Allow statement of an identity policy) against a context.</summary>
    public static bool Holds(string conditionJson, ConditionContext context, string callerArn = "arn:aws:iam::111122223333:user/Alice")
    {
        var policy = Identity($$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*","Condition":{{conditionJson}}}]}""");
        var decision = PolicyEvaluator.Evaluate(Request(callerArn, "kms:Encrypt", context: context), null, [policy], false);
        return decision.IsAllowed;
    }
}
