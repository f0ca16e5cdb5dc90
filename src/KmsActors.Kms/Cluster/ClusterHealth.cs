namespace KmsActors.Kms.Cluster;

/// <summary>A cluster node's health (GET /health): <paramref name="Ready"/> once this node is Up and its shard regions are
/// registered; <paramref name="Members"/> as this node sees the cluster.</summary>
public sealed record ClusterHealth(bool Ready, string Node, string Status, string? Leader, IReadOnlyList<ClusterMemberHealth> Members);
