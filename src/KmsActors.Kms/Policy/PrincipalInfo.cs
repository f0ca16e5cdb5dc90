namespace KmsActors.Kms.Policy;

/// <summary>
/// The caller of a request as IAM sees it. <see cref="Arn"/> is the ARN the caller acts as, as AWS writes it in
/// AccessDenied messages and CloudTrail; <see cref="PrincipalArn"/> is <c>aws:PrincipalArn</c>: for a role session
/// (<c>arn:aws:sts::A:assumed-role/app/session</c>) the role's ARN (<c>arn:aws:iam::A:role/app</c>), else the same ARN.
/// A caller configured as a role ARN acts as that role (no session name), as the examples write it.
/// </summary>
public sealed record PrincipalInfo
{
    public required string Arn { get; init; }
    public required string PrincipalArn { get; init; }
    public required string AccountId { get; init; }
    public required string Partition { get; init; }
    public required PrincipalType Type { get; init; }
    /// <summary><c>aws:userid</c>: the account ID for root, a unique ID for users (AIDA…), "AROA…:session" for roles.</summary>
    public required string UserId { get; init; }
    /// <summary><c>aws:username</c>: IAM users only.</summary>
    public string? UserName { get; init; }
    /// <summary>For service principals, the service name (<c>dynamodb.amazonaws.com</c>).</summary>
    public string? ServiceName { get; init; }

    public bool IsRoot => Type == PrincipalType.Account;

    /// <summary>The root principal of <paramref name="accountId"/>.</summary>
    public static PrincipalInfo Root(string accountId, string partition = "aws") => FromArn($"arn:{partition}:iam::{accountId}:root");

    /// <summary>Reads an IAM or STS principal ARN (root, user, role, assumed-role, federated-user) or a service
    /// principal name; false for anything else.</summary>
    public static bool TryFromArn(string arn, out PrincipalInfo principal)
    {
        principal = null!;
        if (arn.EndsWith(".amazonaws.com", StringComparison.Ordinal) || arn.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal))
        {
            principal = new PrincipalInfo { Arn = arn, PrincipalArn = arn, AccountId = "", Partition = "aws", Type = PrincipalType.Service, UserId = arn, ServiceName = arn };
            return true;
        }
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[1] is not ("aws" or "aws-cn" or "aws-us-gov") || parts[3].Length != 0
            || parts[4].Length != 12 || !parts[4].All(char.IsAsciiDigit))
            return false;
        var (partition, service, account, resource) = (parts[1], parts[2], parts[4], parts[5]);
        if (service == "iam" && resource == "root")
        {
            principal = new PrincipalInfo { Arn = arn, PrincipalArn = arn, AccountId = account, Partition = partition, Type = PrincipalType.Account, UserId = account };
            return true;
        }
        if (service == "iam" && resource.StartsWith("user/", StringComparison.Ordinal) && resource.Length > 5)
        {
            var name = resource[(resource.LastIndexOf('/') + 1)..];
            principal = new PrincipalInfo { Arn = arn, PrincipalArn = arn, AccountId = account, Partition = partition, Type = PrincipalType.User, UserId = UniqueId("AIDA", arn), UserName = name };
            return true;
        }
        if (service == "iam" && resource.StartsWith("role/", StringComparison.Ordinal) && resource.Length > 5)
        {
            principal = new PrincipalInfo { Arn = arn, PrincipalArn = arn, AccountId = account, Partition = partition, Type = PrincipalType.AssumedRole, UserId = UniqueId("AROA", arn) };
            return true;
        }
        if (service == "sts" && resource.StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            var rest = resource["assumed-role/".Length..];
            var slash = rest.IndexOf('/');
            if (slash <= 0 || slash == rest.Length - 1)
                return false;
            var roleArn = $"arn:{partition}:iam::{account}:role/{rest[..slash]}";
            principal = new PrincipalInfo { Arn = arn, PrincipalArn = roleArn, AccountId = account, Partition = partition, Type = PrincipalType.AssumedRole, UserId = UniqueId("AROA", roleArn) + ":" + rest[(slash + 1)..] };
            return true;
        }
        if (service == "sts" && resource.StartsWith("federated-user/", StringComparison.Ordinal) && resource.Length > "federated-user/".Length)
        {
            principal = new PrincipalInfo { Arn = arn, PrincipalArn = arn, AccountId = account, Partition = partition, Type = PrincipalType.FederatedUser, UserId = account + ":" + resource["federated-user/".Length..] };
            return true;
        }
        return false;
    }

    /// <exception cref="ArgumentException"><paramref name="arn"/> is no principal ARN.</exception>
    public static PrincipalInfo FromArn(string arn) =>
        TryFromArn(arn, out var principal) ? principal : throw new ArgumentException($"'{arn}' is not an IAM principal ARN.", nameof(arn));

    /// <summary>A stable IAM-style unique ID (prefix and 17 upper-case letters and digits) derived from the ARN. The server
    /// parses its caller on every request, so this is two FNV-1a passes rather than a cryptographic hash: the ID only
    /// has to be stable and look like IAM's, not be secret.</summary>
    private static string UniqueId(string prefix, string arn)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        return string.Create(prefix.Length + 17, (prefix, arn), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            var (low, high) = (Fnv1a(state.arn, 14695981039346656037UL), Fnv1a(state.arn, 1099511628211UL * 31));
            for (var i = 0; i < 17; i++)
            {
                var bits = i < 12 ? low >> (5 * i) : high >> (5 * (i - 12));
                span[state.prefix.Length + i] = alphabet[(int)(bits & 31)];
            }
        });
    }

    private static ulong Fnv1a(string text, ulong basis)
    {
        var hash = basis;
        foreach (var c in text)
            hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }
}
