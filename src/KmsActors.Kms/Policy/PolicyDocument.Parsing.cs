using System.Text.Json;

namespace KmsActors.Kms.Policy;

/// <summary>Reading the JSON: the elements IAM knows, each of the form IAM accepts (docs/access-control.md, "Parsing").</summary>
public sealed partial class PolicyDocument
{
    private static readonly HashSet<string> TopLevelElements = new(StringComparer.Ordinal) { "Version", "Id", "Statement" };

    private static readonly HashSet<string> StatementElements = new(StringComparer.Ordinal)
    {
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    };

    private sealed partial class Parser(string json, PolicyKind kind)
    {
        private bool _variables;

        public PolicyDocument Parse()
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException)
            {
                throw Malformed(NotJsonMessage);
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    throw Malformed(NotJsonMessage);
                foreach (var property in root.EnumerateObject())
                    if (!TopLevelElements.Contains(property.Name))
                        throw Malformed($"Policy document contains an unknown element: {property.Name}.");
                string? version = null;
                if (root.TryGetProperty("Version", out var versionElement))
                {
                    version = versionElement.ValueKind == JsonValueKind.String ? versionElement.GetString() : null;
                    if (version is not ("2012-10-17" or "2008-10-17"))
                        throw Malformed("The policy document's Version must be \"2012-10-17\" or \"2008-10-17\".");
                }
                // Policy variables exist from version 2012-10-17; before it "${…}" is plain text (IAM's Version element).
                _variables = version == "2012-10-17";
                string? id = null;
                if (root.TryGetProperty("Id", out var idElement))
                    id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : throw Malformed("The policy document's Id must be a string.");
                if (!root.TryGetProperty("Statement", out var statementElement))
                    throw Malformed("Policy document must contain a Statement.");
                var statements = statementElement.ValueKind switch
                {
                    JsonValueKind.Object => [ReadStatement(statementElement, 0)],
                    JsonValueKind.Array when statementElement.GetArrayLength() > 0 =>
                        statementElement.EnumerateArray().Select(ReadStatement).ToArray(),
                    _ => throw Malformed("Policy document must contain a Statement."),
                };
                return new PolicyDocument(json, kind, version, id, statements);
            }
        }

        private PolicyStatement ReadStatement(JsonElement statement, int index)
        {
            if (statement.ValueKind != JsonValueKind.Object)
                throw Malformed("Policy contains a statement that is not a JSON object.");
            foreach (var property in statement.EnumerateObject())
                if (!StatementElements.Contains(property.Name))
                    throw Malformed($"Policy contains a statement with an unknown element: {property.Name}.");
            string? sid = null;
            if (statement.TryGetProperty("Sid", out var sidElement))
                sid = sidElement.ValueKind == JsonValueKind.String ? sidElement.GetString() : throw Malformed("Policy contains a statement whose Sid is not a string.");
            if (!statement.TryGetProperty("Effect", out var effectElement))
                throw Malformed("Policy contains a statement with no Effect.");
            var effect = effectElement.ValueKind == JsonValueKind.String ? effectElement.GetString() switch
            {
                "Allow" => PolicyEffect.Allow,
                "Deny" => PolicyEffect.Deny,
                _ => (PolicyEffect?)null,
            } : null;
            if (effect is null)
                throw Malformed("Policy contains a statement with an invalid Effect: it must be \"Allow\" or \"Deny\".");

            var (actions, notAction) = ReadPair(statement, "Action", "NotAction");
            var (resources, notResource) = ReadPair(statement, "Resource", "NotResource");
            if (kind == PolicyKind.IdentityPolicy && actions is null)
                throw Malformed("Policy contains a statement with no Action or NotAction.");
            if (kind == PolicyKind.IdentityPolicy && resources is null)
                throw Malformed("Policy contains a statement with no Resource or NotResource.");

            PolicyPrincipals? principals = null;
            var hasPrincipal = statement.TryGetProperty("Principal", out var principalElement);
            var hasNotPrincipal = statement.TryGetProperty("NotPrincipal", out var notPrincipalElement);
            if (kind == PolicyKind.IdentityPolicy)
            {
                if (hasPrincipal || hasNotPrincipal)
                    throw Malformed("Policy document should not specify a principal.");
            }
            else
            {
                if (hasPrincipal && hasNotPrincipal)
                    throw Malformed("Policy contains a statement with both Principal and NotPrincipal.");
                if (!hasPrincipal && !hasNotPrincipal)
                    throw Malformed("Policy contains a statement with no Principal or NotPrincipal.");
                principals = ReadPrincipals(hasPrincipal ? principalElement : notPrincipalElement);
            }

            var conditions = statement.TryGetProperty("Condition", out var conditionElement) ? ReadConditions(conditionElement) : [];
            return new PolicyStatement(index, sid, effect.Value, kind, principals, hasNotPrincipal, actions, notAction,
                resources, notResource, conditions, _variables);
        }

        /// <summary>Action/NotAction or Resource/NotResource: at most one of the two, a string or an array of strings.</summary>
        private static (IReadOnlyList<string>? Values, bool Not) ReadPair(JsonElement statement, string name, string notName)
        {
            var has = statement.TryGetProperty(name, out var element);
            var hasNot = statement.TryGetProperty(notName, out var notElement);
            if (has && hasNot)
                throw Malformed($"Policy contains a statement with both {name} and {notName}.");
            if (!has && !hasNot)
                return (null, false);
            var values = ReadStrings(has ? element : notElement);
            if (values is null || values.Count == 0)
                throw Malformed($"Policy contains a statement with an invalid {(has ? name : notName)}.");
            return (values, hasNot);
        }

        private static List<string>? ReadStrings(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.String)
                return [element.GetString()!];
            if (element.ValueKind != JsonValueKind.Array)
                return null;
            var values = new List<string>();
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                    return null;
                values.Add(item.GetString()!);
            }
            return values;
        }
    }
}
