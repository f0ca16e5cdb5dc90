using KmsActors.Kms.Policy;

namespace KmsActors.Kms.Engine;

/// <summary>Who makes a call: recorded in the audit trail (CloudTrail's userIdentity) and authorized against key
/// policies, IAM identity policies (kms.iam) and grants (docs/access-control.md).</summary>
public sealed record CallerIdentity(
    string AccountId,
    string PrincipalArn,
    string AccessKeyId = "",
    string SourceIpAddress = "127.0.0.1",
    string UserAgent = "KmsActors")
{
    // Read on every authorized call: parsed once per identity (and again only if a `with` changed the ARN).
    private PrincipalInfo? _principal;

    /// <summary>The account's root principal, the default caller of in-process use.</summary>
    public static CallerIdentity Root(string accountId) => new(accountId, $"arn:aws:iam::{accountId}:root");

    /// <summary>The caller <paramref name="principalArn"/> (a user, role, assumed-role session or root ARN), of the account
    /// the ARN names: e.g. <c>CallerIdentity.Of("arn:aws:iam::111122223333:role/app")</c>.</summary>
    /// <exception cref="ArgumentException">Not an IAM principal ARN.</exception>
    public static CallerIdentity Of(string principalArn)
    {
        var principal = PrincipalInfo.FromArn(principalArn);
        if (principal.Type == PrincipalType.Service)
            throw new ArgumentException($"'{principalArn}' is a service principal, not a caller of an account.", nameof(principalArn));
        return new CallerIdentity(principal.AccountId, principalArn) { _principal = principal };
    }

    /// <summary>The caller as IAM sees it (type, aws:PrincipalArn, aws:userid).</summary>
    public PrincipalInfo Principal
    {
        get
        {
            var principal = _principal;
            if (principal is not null && ReferenceEquals(principal.Arn, PrincipalArn))
                return principal;
            principal = PrincipalInfo.TryFromArn(PrincipalArn, out var parsed)
                ? parsed
                // Not an IAM ARN (a hand-made identity): a principal of the account that no policy names.
                : new PrincipalInfo { Arn = PrincipalArn, PrincipalArn = PrincipalArn, AccountId = AccountId, Partition = "aws", Type = PrincipalType.User, UserId = PrincipalArn };
            _principal = principal;
            return principal;
        }
    }

    // Equality is the five members': the parsed principal is a cache, not part of the value.
    public bool Equals(CallerIdentity? other) =>
        other is not null && AccountId == other.AccountId && PrincipalArn == other.PrincipalArn && AccessKeyId == other.AccessKeyId
        && SourceIpAddress == other.SourceIpAddress && UserAgent == other.UserAgent;

    public override int GetHashCode() => HashCode.Combine(AccountId, PrincipalArn, AccessKeyId, SourceIpAddress, UserAgent);
}
