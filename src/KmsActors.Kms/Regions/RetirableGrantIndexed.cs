using KmsActors.Kms.Keys;
using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Regions;

/// <summary>Region event: the key <paramref name="KeyId"/> has <paramref name="Grant"/>, which names a retiring principal
/// (the ListRetirableGrants index, docs/grants.md).</summary>
[PersistedAs("RetirableGrantIndexed")]
public sealed record RetirableGrantIndexed(string KeyId, Grant Grant) : IKmsPersistentMessage;
