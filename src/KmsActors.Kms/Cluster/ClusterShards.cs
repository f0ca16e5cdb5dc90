namespace KmsActors.Kms.Cluster;

/// <summary>The shards a cluster node hosts (GET /cluster/shards): shard ID → IDs of the entities running in it, for the
/// key entities (<paramref name="Keys"/>, EntityIds.Key) and the region entities (<paramref name="Regions"/>). A shard
/// whose keys all passivated is listed with no entities.</summary>
public sealed record ClusterShards(
    string Node,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Keys,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Regions);
