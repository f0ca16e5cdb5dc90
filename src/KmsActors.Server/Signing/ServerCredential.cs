namespace KmsActors.Server.Signing;

/// <summary>One entry of kms.server.credentials: who an access key is, and its secret for signature checks.</summary>
public sealed record ServerCredential(string AccessKeyId, string AccountId, string PrincipalArn, string SecretKey);
