using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

/// <summary>CreateGrant added <paramref name="Grant"/> to the key (docs/grants.md).</summary>
[PersistedAs("GrantCreated")]
public sealed record GrantCreated(Grant Grant) : IKeyEvent;
