using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Regions;

/// <summary>A RegionActor's snapshot: its key index and aliases, each in the shape of the event that sets it.</summary>
public sealed record RegionSnapshot(IReadOnlyList<KeyIndexed> Keys, IReadOnlyList<AliasSet> Aliases) : IKmsPersistentMessage;
