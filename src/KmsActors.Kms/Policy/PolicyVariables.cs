using System.Text;

namespace KmsActors.Kms.Policy;

/// <summary>
/// IAM policy variables (<c>${aws:username}</c>) in Resource values and string / ARN condition values, replaced with the
/// request's value when the statement is evaluated. aws:username, aws:userid, aws:PrincipalAccount, aws:PrincipalArn and
/// aws:PrincipalType come from the caller; any other name from a single-valued key of the request context. A variable
/// with no value makes the element not match, as IAM does. See docs/access-control.md ("Policy variables").
/// </summary>
internal static class PolicyVariables
{
    public static bool HasVariables(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>The text with its variables replaced, or null when one of them has no value in this request.</summary>
    public static string? Substitute(string text, AuthorizationRequest request)
    {
        var result = new StringBuilder(text.Length + 32);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("${", i, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf('}', open + 2);
            if (close < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }
            result.Append(text, i, open - i);
            var value = Resolve(text.Substring(open + 2, close - open - 2).Trim(), request);
            if (value is null)
                return null;
            result.Append(value);
            i = close + 1;
        }
        return result.ToString();
    }

    private static string? Resolve(string name, AuthorizationRequest request)
    {
        var principal = request.Principal;
        if (name.Equals("aws:username", StringComparison.OrdinalIgnoreCase))
            return principal.UserName;
        if (name.Equals("aws:userid", StringComparison.OrdinalIgnoreCase))
            return principal.UserId;
        if (name.Equals("aws:PrincipalAccount", StringComparison.OrdinalIgnoreCase))
            return principal.AccountId.Length == 0 ? null : principal.AccountId;
        if (name.Equals("aws:PrincipalArn", StringComparison.OrdinalIgnoreCase))
            return principal.PrincipalArn;
        if (name.Equals("aws:PrincipalType", StringComparison.OrdinalIgnoreCase))
            return principal.Type == PrincipalType.Service ? null : principal.Type.ToString();
        return request.Context.TryGet(name, out var values) && !values.IsMultiValued && values.Values.Count == 1
            ? values.Values[0]
            : null;
    }
}
