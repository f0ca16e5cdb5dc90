namespace KmsActors.Kms.Policy;

/// <summary>Where a policy sits: on the KMS key (a resource-based policy) or on an IAM principal (identity-based).</summary>
public enum PolicyKind
{
    /// <summary>A key policy: a resource-based policy, whose statements must name a Principal.</summary>
    KeyPolicy,
    /// <summary>An IAM identity policy attached to a user or role: no Principal element.</summary>
    IdentityPolicy,
}
