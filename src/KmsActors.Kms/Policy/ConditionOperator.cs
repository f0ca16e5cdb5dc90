namespace KmsActors.Kms.Policy;

/// <summary>
/// A condition operator as written in a policy (<c>ForAllValues:StringLikeIfExists</c>), taken apart into what the
/// evaluator needs: the family that compares values, the comparison, whether it is a negated ("Not") operator, the
/// <c>…IfExists</c> suffix and the set qualifier. The operators are IAM's (docs/access-control.md, "Condition operators").
/// </summary>
internal sealed record ConditionOperator(string Name, ConditionFamily Family, ConditionComparison Comparison, bool Negated, bool IfExists, ConditionSet Set)
{
    private static readonly Dictionary<string, (ConditionFamily Family, ConditionComparison Comparison, bool Negated)> Operators =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["StringEquals"] = (ConditionFamily.String, ConditionComparison.Equals, false),
            ["StringNotEquals"] = (ConditionFamily.String, ConditionComparison.Equals, true),
            ["StringEqualsIgnoreCase"] = (ConditionFamily.StringIgnoreCase, ConditionComparison.Equals, false),
            ["StringNotEqualsIgnoreCase"] = (ConditionFamily.StringIgnoreCase, ConditionComparison.Equals, true),
            ["StringLike"] = (ConditionFamily.StringLike, ConditionComparison.Equals, false),
            ["StringNotLike"] = (ConditionFamily.StringLike, ConditionComparison.Equals, true),
            ["NumericEquals"] = (ConditionFamily.Numeric, ConditionComparison.Equals, false),
            ["NumericNotEquals"] = (ConditionFamily.Numeric, ConditionComparison.Equals, true),
            ["NumericLessThan"] = (ConditionFamily.Numeric, ConditionComparison.LessThan, false),
            ["NumericLessThanEquals"] = (ConditionFamily.Numeric, ConditionComparison.LessThanEquals, false),
            ["NumericGreaterThan"] = (ConditionFamily.Numeric, ConditionComparison.GreaterThan, false),
            ["NumericGreaterThanEquals"] = (ConditionFamily.Numeric, ConditionComparison.GreaterThanEquals, false),
            ["DateEquals"] = (ConditionFamily.Date, ConditionComparison.Equals, false),
            ["DateNotEquals"] = (ConditionFamily.Date, ConditionComparison.Equals, true),
            ["DateLessThan"] = (ConditionFamily.Date, ConditionComparison.LessThan, false),
            ["DateLessThanEquals"] = (ConditionFamily.Date, ConditionComparison.LessThanEquals, false),
            ["DateGreaterThan"] = (ConditionFamily.Date, ConditionComparison.GreaterThan, false),
            ["DateGreaterThanEquals"] = (ConditionFamily.Date, ConditionComparison.GreaterThanEquals, false),
            ["Bool"] = (ConditionFamily.Bool, ConditionComparison.Equals, false),
            ["BinaryEquals"] = (ConditionFamily.Binary, ConditionComparison.Equals, false),
            ["IpAddress"] = (ConditionFamily.IpAddress, ConditionComparison.Equals, false),
            ["NotIpAddress"] = (ConditionFamily.IpAddress, ConditionComparison.Equals, true),
            ["ArnEquals"] = (ConditionFamily.Arn, ConditionComparison.Equals, false),
            ["ArnLike"] = (ConditionFamily.Arn, ConditionComparison.Equals, false),
            ["ArnNotEquals"] = (ConditionFamily.Arn, ConditionComparison.Equals, true),
            ["ArnNotLike"] = (ConditionFamily.Arn, ConditionComparison.Equals, true),
            ["Null"] = (ConditionFamily.Null, ConditionComparison.Equals, false),
        };

    /// <summary>Reads an operator name; false for a name IAM does not know (and for <c>NullIfExists</c>, which IAM has not).</summary>
    public static bool TryParse(string name, out ConditionOperator op)
    {
        op = null!;
        var rest = name;
        var set = ConditionSet.None;
        if (rest.StartsWith("ForAnyValue:", StringComparison.OrdinalIgnoreCase))
        {
            set = ConditionSet.ForAnyValue;
            rest = rest["ForAnyValue:".Length..];
        }
        else if (rest.StartsWith("ForAllValues:", StringComparison.OrdinalIgnoreCase))
        {
            set = ConditionSet.ForAllValues;
            rest = rest["ForAllValues:".Length..];
        }
        var ifExists = false;
        if (!Operators.ContainsKey(rest) && rest.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase))
        {
            ifExists = true;
            rest = rest[..^"IfExists".Length];
        }
        if (!Operators.TryGetValue(rest, out var entry) || (ifExists && entry.Family == ConditionFamily.Null))
            return false;
        op = new ConditionOperator(name, entry.Family, entry.Comparison, entry.Negated, ifExists, set);
        return true;
    }
}

internal enum ConditionFamily { String, StringIgnoreCase, StringLike, Numeric, Date, Bool, Binary, IpAddress, Arn, Null }

internal enum ConditionComparison { Equals, LessThan, LessThanEquals, GreaterThan, GreaterThanEquals }

internal enum ConditionSet { None, ForAnyValue, ForAllValues }
