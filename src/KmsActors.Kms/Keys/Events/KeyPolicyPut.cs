namespace KmsActors.Kms.Keys;

/// <summary>PutKeyPolicy (the only policy name KMS has is "default").</summary>
public sealed record KeyPolicyPut(string PolicyName, string Policy) : IKeyEvent;
