using KmsActors.Kms.Model;

namespace KmsActors.Kms.Policy;

/// <summary>
/// The evaluator's answer and why. <see cref="DecidedBy"/> names the kind of policy that denied (explicit deny) or
/// that lacked an allow (implicit deny) — what AWS's AccessDenied message says; null for an allow.
/// <see cref="DependsOnContext"/> is false when no statement that could apply had a condition, so the same principal and
/// action get the same answer whatever the request's values: such decisions may be cached per policy and principal.
/// </summary>
public sealed record AuthorizationDecision(AuthorizationOutcome Outcome, PolicyKind? DecidedBy, string Reason, bool DependsOnContext)
{
    public const string AccessDeniedException = "AccessDeniedException";

    public bool IsAllowed => Outcome == AuthorizationOutcome.Allow;

    /// <summary>The AccessDeniedException AWS answers for this refusal, e.g. "User: arn:aws:iam::111122223333:role/app is not
    /// authorized to perform: kms:ImportKeyMaterial on resource: arn:aws:kms:… because no resource-based policy allows the
    /// kms:ImportKeyMaterial action".</summary>
    public KmsException ToException(AuthorizationRequest request)
    {
        if (IsAllowed)
            throw new InvalidOperationException("An allowed request has no AccessDeniedException.");
        var kind = DecidedBy == PolicyKind.KeyPolicy ? "resource-based" : "identity-based";
        var article = DecidedBy == PolicyKind.KeyPolicy ? "a" : "an";
        var head = $"User: {request.Principal.Arn} is not authorized to perform: {request.Action} on resource: {request.Resource}";
        return new KmsException(AccessDeniedException, Outcome == AuthorizationOutcome.ExplicitDeny
            ? $"{head} with an explicit deny in {article} {kind} policy"
            : $"{head} because no {kind} policy allows the {request.Action} action");
    }
}
