namespace KmsActors.Kms.Policy;

/// <summary>IAM's three answers: allowed, not allowed by anything (implicit deny), or denied by a Deny statement.</summary>
public enum AuthorizationOutcome
{
    Allow,
    ImplicitDeny,
    ExplicitDeny,
}
