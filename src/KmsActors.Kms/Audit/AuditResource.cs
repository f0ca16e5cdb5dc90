namespace KmsActors.Kms.Audit;

/// <summary>One entry of CloudTrail's resources: KMS logs keys and aliases with type "AWS::KMS::Key" (docs/audit.md).</summary>
public sealed record AuditResource(string AccountId, string Arn)
{
    public string Type => "AWS::KMS::Key";
}
