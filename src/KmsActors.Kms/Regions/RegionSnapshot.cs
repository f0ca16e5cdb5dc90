using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Regions;

/// <summary>A RegionActor's snapshot: its key index, aliases and retirable grants (null when none, so snapshots without
/// grants read and write as before), each in the shape of the event that sets it.</summary>
public sealed record RegionSnapshot(IReadOnlyList<KeyIndexed> Keys, IReadOnlyList<AliasSet> Aliases, IReadOnlyList<RetirableGrantIndexed>? RetirableGrants = null) : IKmsPersistentMessage;
