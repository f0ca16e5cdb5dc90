namespace KmsActors.Kms.Cluster;

/// <summary>A message for the key entity <paramref name="EntityId"/> (EntityIds.Key), through the key shard region.</summary>
public sealed record KeyEnvelope(string EntityId, object Message);
