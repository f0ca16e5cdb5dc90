using KmsActors.Kms.Model;
using KmsActors.Kms.Regions;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Routing;

/// <summary>
/// Which account's region answers a call: the caller's, except a call that names a key of another account by its key
/// ARN in an operation AWS allows across accounts (KmsOperations.CrossAccount): that goes to the key owner's region,
/// where the key policy and the caller's identity policies decide (docs/access-control.md). The same for an alias ARN of
/// another account (AWS: "To specify a KMS key in a different AWS account, you must use the key ARN or alias ARN").
/// </summary>
internal static class KeyOwner
{
    public static string AccountOf(KmsCommand command)
    {
        var caller = command.Caller.AccountId;
        if (!RequestKeyId.TryRead(command.Request, out var keyId))
            return caller;
        // RetireGrant may name its grant by the grant token alone, which carries the key's ARN.
        if (keyId is null && command.Request is RetireGrantRequest { GrantToken: { } token } && Keys.GrantToken.TryRead(token, out var tokenKeyArn, out _))
            keyId = tokenKeyArn;
        if (keyId is null || !keyId.StartsWith("arn:", StringComparison.Ordinal))
            return caller;
        return KmsArn.TryParse(keyId, out var arn) && arn.AccountId != caller && KmsOperations.CrossAccount.Contains(command.Operation)
            ? arn.AccountId
            : caller;
    }
}
