namespace KmsActors.Kms.Policy;

/// <summary>The values of the global condition key <c>aws:PrincipalType</c> (IAM's request context).</summary>
public enum PrincipalType
{
    /// <summary>The account's root user (<c>arn:aws:iam::ACCOUNT:root</c>).</summary>
    Account,
    User,
    AssumedRole,
    FederatedUser,
    /// <summary>An AWS service principal such as <c>dynamodb.amazonaws.com</c> (aws:PrincipalType has no value for it).</summary>
    Service,
}
