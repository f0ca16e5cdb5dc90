namespace KmsActors.Kms.Policy;

/// <summary>How a statement's Principal names the caller: not at all, itself (its ARN, its role, "*", its service), or
/// only through its account (root ARN or account ID), which in a key policy delegates to the account's IAM policies.</summary>
internal enum PrincipalMatch
{
    None,
    Direct,
    Account,
}
