using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Regions;

/// <summary>Region event: the grant was retired or revoked; it leaves the ListRetirableGrants index (docs/grants.md).</summary>
[PersistedAs("RetirableGrantUnindexed")]
public sealed record RetirableGrantUnindexed(string KeyId, string GrantId) : IKmsPersistentMessage;
