using System.Collections.Immutable;

namespace KmsActors.Kms.Keys;

/// <summary>
/// Key actor → region: grants with a retiring principal were added to or removed from the key, for the region's
/// ListRetirableGrants index (docs/grants.md). After a recovery the key sends <paramref name="All"/> instead: every
/// such grant it has, and the region reconciles its index with it (a crash between the key's write and the region's).
/// </summary>
public sealed record RetirableGrantsChanged(string KeyId, ImmutableList<Grant> Added, ImmutableList<string> Removed, ImmutableList<Grant>? All = null);
