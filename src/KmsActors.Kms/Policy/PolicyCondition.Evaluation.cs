using System.Net;

namespace KmsActors.Kms.Policy;

/// <summary>
/// IAM's rules for one condition against the request context (docs/access-control.md, "Conditions"):
/// a key absent from the request makes a positive operator false and a negated one true, except <c>…IfExists</c>
/// (true when absent) and <c>Null</c> (which tests presence); <c>ForAllValues:</c> on an absent or empty key is true,
/// <c>ForAnyValue:</c> false. Several policy values are OR'ed, and NOR'ed for a negated operator.
/// </summary>
public sealed partial class PolicyCondition
{
    internal bool Evaluate(AuthorizationRequest request)
    {
        var present = request.Context.TryGet(Key, out var context) && context.Values.Count > 0;
        if (_op.Family == ConditionFamily.Null)
            return EvaluateNull(present);
        if (!present)
        {
            if (_op.IfExists || _op.Set == ConditionSet.ForAllValues)
                return true;
            if (_op.Set == ConditionSet.ForAnyValue)
                return false;
            return _op.Negated;
        }
        var values = context.Values;
        switch (_op.Set)
        {
            case ConditionSet.ForAllValues:
                for (var i = 0; i < values.Count; i++)
                    if (MatchesAny(values[i], request) == _op.Negated)
                        return false;
                return true;
            default:
                // ForAnyValue, and (our choice, docs/access-control.md) a multi-valued key used without a qualifier.
                if (_op.Negated && _op.Set == ConditionSet.None)
                {
                    for (var i = 0; i < values.Count; i++)
                        if (MatchesAny(values[i], request))
                            return false;
                    return true;
                }
                for (var i = 0; i < values.Count; i++)
                    if (MatchesAny(values[i], request) != _op.Negated)
                        return true;
                return false;
        }
    }

    /// <summary><c>"Null": {"key": "true"}</c> holds when the key is absent, <c>"false"</c> when it is present.</summary>
    private bool EvaluateNull(bool present)
    {
        foreach (var value in _values)
        {
            if (value.Text.Equals("true", StringComparison.OrdinalIgnoreCase) && !present)
                return true;
            if (value.Text.Equals("false", StringComparison.OrdinalIgnoreCase) && present)
                return true;
        }
        return false;
    }

    /// <summary>Whether the request value equals (or matches) at least one of the policy's values, before negation.</summary>
    private bool MatchesAny(string actual, AuthorizationRequest request)
    {
        switch (_op.Family)
        {
            case ConditionFamily.Numeric:
                if (!TryNumber(actual, out var number))
                    return false;
                foreach (var value in _values)
                    if (value.Valid && Compare(number.CompareTo(value.Number)))
                        return true;
                return false;
            case ConditionFamily.Date:
                if (!TryDate(actual, out var ticks))
                    return false;
                foreach (var value in _values)
                    if (value.Valid && Compare(ticks.CompareTo(value.DateTicks)))
                        return true;
                return false;
            case ConditionFamily.IpAddress:
                if (!IPAddress.TryParse(actual, out var address))
                    return false;
                foreach (var value in _values)
                    if (value.Valid && value.Network!.Value.Contains(address))
                        return true;
                return false;
        }
        foreach (var value in _values)
            if (value.Valid && Matches(value, actual, request))
                return true;
        return false;
    }

    private bool Compare(int order) => _op.Comparison switch
    {
        ConditionComparison.Equals => order == 0,
        ConditionComparison.LessThan => order < 0,
        ConditionComparison.LessThanEquals => order <= 0,
        ConditionComparison.GreaterThan => order > 0,
        _ => order >= 0,
    };

    private bool Matches(in CompiledValue value, string actual, AuthorizationRequest request)
    {
        if (value.HasVariables)
        {
            var text = PolicyVariables.Substitute(value.Text, request);
            return text is not null && Matches(Compile(_op.Family, text, variables: false), actual, request);
        }
        switch (_op.Family)
        {
            case ConditionFamily.String:
            case ConditionFamily.Binary:
                return string.Equals(value.Text, actual, StringComparison.Ordinal);
            case ConditionFamily.StringIgnoreCase:
                return string.Equals(value.Text, actual, StringComparison.OrdinalIgnoreCase);
            case ConditionFamily.Bool:
                return string.Equals(value.Text, actual, StringComparison.OrdinalIgnoreCase);
            case ConditionFamily.StringLike:
                return value.Pattern!.Matches(actual);
            case ConditionFamily.Arn:
                return ArnMatches(value.ArnParts!, actual);
            default:
                return false;
        }
    }

    /// <summary>IAM compares each of an ARN's six colon-separated parts on its own, each part a case-sensitive glob.</summary>
    private static bool ArnMatches(WildcardPattern[] parts, string actual)
    {
        var rest = actual.AsSpan();
        for (var i = 0; i < 5; i++)
        {
            var colon = rest.IndexOf(':');
            if (colon < 0 || !parts[i].Matches(rest[..colon]))
                return false;
            rest = rest[(colon + 1)..];
        }
        return parts[5].Matches(rest);
    }
}
