using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

/// <summary>RetireGrant (<paramref name="Revoked"/> false) or RevokeGrant (true) deleted the grant (docs/grants.md).</summary>
[PersistedAs("GrantRetired")]
public sealed record GrantRetired(string GrantId, bool Revoked, DateTimeOffset At) : IKeyEvent;
