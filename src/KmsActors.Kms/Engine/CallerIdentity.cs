namespace KmsActors.Kms.Engine;

/// <summary>Who makes a call: recorded in the audit trail (CloudTrail's userIdentity), later used for key policies.</summary>
public sealed record CallerIdentity(
    string AccountId,
    string PrincipalArn,
    string AccessKeyId = "",
    string SourceIpAddress = "127.0.0.1",
    string UserAgent = "KmsActors")
{
    /// <summary>The account's root principal, the default caller of in-process use.</summary>
    public static CallerIdentity Root(string accountId) => new(accountId, $"arn:aws:iam::{accountId}:root");
}
