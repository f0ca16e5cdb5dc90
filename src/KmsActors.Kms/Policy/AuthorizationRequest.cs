namespace KmsActors.Kms.Policy;

/// <summary>
/// One authorization question: may <see cref="Principal"/> perform <see cref="Action"/> (e.g. "kms:Encrypt") on
/// <see cref="Resource"/> (a key ARN, an alias ARN, or "*" for the operations that have no resource) owned by
/// <see cref="ResourceAccount"/>, with these condition keys? "Now" is in the context (aws:CurrentTime, aws:EpochTime).
/// </summary>
public sealed record AuthorizationRequest
{
    public required PrincipalInfo Principal { get; init; }
    public required string Action { get; init; }
    public required string Resource { get; init; }
    public required string ResourceAccount { get; init; }
    public ConditionContext Context { get; init; } = ConditionContext.Empty;

    /// <summary>The caller is of another account than the resource (cross-account use).</summary>
    public bool IsCrossAccount => Principal.AccountId != ResourceAccount;
}
