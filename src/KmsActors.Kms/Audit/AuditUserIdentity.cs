namespace KmsActors.Kms.Audit;

/// <summary>CloudTrail's userIdentity. For service events (AWS acting on its own) only <see cref="AccountId"/>
/// and <see cref="InvokedBy"/> ("AWS Internal") are set.</summary>
public sealed record AuditUserIdentity
{
    /// <summary>"Root", "IAMUser", "AssumedRole", "AWSAccount" (docs/audit.md), or null for service events.</summary>
    public string? Type { get; init; }
    public string? PrincipalId { get; init; }
    public string? Arn { get; init; }
    public required string AccountId { get; init; }
    public string? AccessKeyId { get; init; }
    public string? InvokedBy { get; init; }
}
