using KmsActors.Kms.Keys;

namespace KmsActors.Kms.Protocol;

/// <summary>
/// Region → engine: ReEncrypt's destination key is a key of another account, named by its key ARN (AWS allows ReEncrypt
/// across accounts; docs/access-control.md). The engine hands <paramref name="Message"/> to that account's RegionActor of
/// the same region, which resolves and forwards it to the destination key as for a key of its own.
/// </summary>
public sealed record ReEncryptToAccount(string AccountId, string Region, ReEncryptDestination Message);
