namespace KmsActors.Kms.Cluster;

/// <summary>A message for the region entity <paramref name="EntityId"/> (EntityIds.Region), through the region shard region.</summary>
public sealed record RegionEnvelope(string EntityId, object Message);
