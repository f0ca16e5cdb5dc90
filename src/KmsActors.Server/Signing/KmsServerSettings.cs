using Akka.Configuration;
using KmsActors.Kms.Configuration;

namespace KmsActors.Server.Signing;

/// <summary>The kms.server section: access keys, and whether SigV4 signatures are checked.</summary>
public sealed record KmsServerSettings
{
    public required bool VerifySignatures { get; init; }
    public required IReadOnlyDictionary<string, ServerCredential> Credentials { get; init; }
    public required string DefaultAccountId { get; init; }
    public required string DefaultRegion { get; init; }

    public static KmsServerSettings From(Config config)
    {
        var kms = KmsSettings.From(config);
        var credentials = new Dictionary<string, ServerCredential>(StringComparer.Ordinal);
        var section = config.GetConfig("kms.server.credentials");
        if (section is not null && !section.IsEmpty)
        {
            foreach (var accessKey in section.Root.GetObject().Items.Keys)
            {
                var entry = section.GetConfig(accessKey);
                var principal = entry.GetString("principal", "");
                // The principal's ARN names its account; account-id, when given too, must agree (a call is authorized as
                // the ARN's account: docs/access-control.md).
                var principalAccount = Kms.Policy.PrincipalInfo.TryFromArn(principal, out var parsed) ? parsed.AccountId : null;
                var account = entry.GetString("account-id", principalAccount ?? kms.AccountId);
                if (principalAccount is not null && principalAccount != account)
                    throw new ConfigurationException($"kms.server.credentials.{accessKey}: account-id {account} differs from the account of principal {principal}.");
                credentials[accessKey] = new ServerCredential(
                    accessKey,
                    account,
                    principal.Length > 0 ? principal : $"arn:aws:iam::{account}:root",
                    entry.GetString("secret-key", ""));
            }
        }
        return new KmsServerSettings
        {
            VerifySignatures = config.GetBoolean("kms.server.verify-signatures", false),
            Credentials = credentials,
            DefaultAccountId = kms.AccountId,
            DefaultRegion = kms.DefaultRegion,
        };
    }
}
