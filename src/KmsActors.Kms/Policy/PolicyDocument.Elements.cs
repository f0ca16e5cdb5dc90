using System.Text.Json;

namespace KmsActors.Kms.Policy;

/// <summary>Reading Principal / NotPrincipal and Condition (docs/access-control.md, "Parsing").</summary>
public sealed partial class PolicyDocument
{
    private sealed partial class Parser
    {
        /// <summary>"*", or {"AWS": …} with "*", account IDs, root / user / role / assumed-role / federated-user ARNs,
        /// and {"Service": …} with service principals. Anything else is AWS's "invalid principals".</summary>
        private static PolicyPrincipals ReadPrincipals(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.String)
                return element.GetString() == "*" ? new PolicyPrincipals(true, [], [], []) : throw Malformed(InvalidPrincipalsMessage);
            if (element.ValueKind != JsonValueKind.Object)
                throw Malformed(InvalidPrincipalsMessage);
            var any = false;
            var arns = new List<string>();
            var accounts = new List<string>();
            var services = new List<string>();
            var empty = true;
            foreach (var property in element.EnumerateObject())
            {
                var values = ReadStrings(property.Value);
                if (values is null || values.Count == 0)
                    throw Malformed(InvalidPrincipalsMessage);
                empty = false;
                foreach (var value in values)
                {
                    switch (property.Name)
                    {
                        case "AWS" when value == "*":
                            any = true;
                            break;
                        case "AWS" when value.Length == 12 && value.All(char.IsAsciiDigit):
                            accounts.Add(value);
                            break;
                        case "AWS" when !value.Contains('*') && !value.Contains('?') && PrincipalInfo.TryFromArn(value, out var principal) && principal.Type != PrincipalType.Service:
                            if (principal.IsRoot)
                                accounts.Add(principal.AccountId);
                            else
                                arns.Add(value);
                            break;
                        case "Service" when value != "*" && !value.Contains('*') && PrincipalInfo.TryFromArn(value, out var service)
                                            && service.Type == PrincipalType.Service:
                            services.Add(value);
                            break;
                        default:
                            throw Malformed(InvalidPrincipalsMessage);
                    }
                }
            }
            if (empty)
                throw Malformed(InvalidPrincipalsMessage);
            return new PolicyPrincipals(any, arns, accounts, services);
        }

        /// <summary>{"Operator": {"key": value-or-values}}: values are strings, numbers or booleans (JSON), or arrays of them.</summary>
        private List<PolicyCondition> ReadConditions(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Object)
                throw Malformed("Policy contains a statement with an invalid Condition.");
            var conditions = new List<PolicyCondition>();
            foreach (var block in element.EnumerateObject())
            {
                if (!ConditionOperator.TryParse(block.Name, out var op))
                    throw Malformed($"Policy contains a statement with an unknown condition operator: {block.Name}.");
                if (block.Value.ValueKind != JsonValueKind.Object)
                    throw Malformed("Policy contains a statement with an invalid Condition.");
                foreach (var entry in block.Value.EnumerateObject())
                {
                    if (kind == PolicyKind.KeyPolicy && IsNotForKeyPolicies(entry.Name))
                        throw Malformed(KeyPolicyConditionKeysMessage);
                    var values = ReadConditionValues(entry.Value)
                        ?? throw Malformed($"Policy contains a statement with an invalid value for the condition key {entry.Name}.");
                    conditions.Add(new PolicyCondition(op, entry.Name, values, _variables));
                }
            }
            return conditions;
        }

        /// <summary>KMS refuses in a key policy the keys that describe a key's tags and aliases (docs/access-control.md).</summary>
        private static bool IsNotForKeyPolicies(string key) =>
            key.StartsWith("aws:ResourceTag", StringComparison.OrdinalIgnoreCase)
            || key.StartsWith("kms:ResourceTag", StringComparison.OrdinalIgnoreCase)
            || key.Equals("kms:ResourceAliases", StringComparison.OrdinalIgnoreCase);

        private static List<string>? ReadConditionValues(JsonElement element)
        {
            var values = new List<string>();
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                    if (!TryScalar(item, values))
                        return null;
                return values.Count > 0 ? values : null;
            }
            return TryScalar(element, values) ? values : null;
        }

        private static bool TryScalar(JsonElement element, List<string> values)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    values.Add(element.GetString()!);
                    return true;
                case JsonValueKind.Number:
                    values.Add(element.GetRawText());
                    return true;
                case JsonValueKind.True:
                    values.Add("true");
                    return true;
                case JsonValueKind.False:
                    values.Add("false");
                    return true;
                default:
                    return false;
            }
        }
    }
}
