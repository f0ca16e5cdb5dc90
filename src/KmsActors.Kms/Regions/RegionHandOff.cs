namespace KmsActors.Kms.Regions;

/// <summary>
/// Cluster sharding → region entity: its shard moves to another node (a node leaves, or the coordinator rebalances); stop
/// once everything already accepted is answered. Not a PoisonPill: the region writes its index with PersistAsync and
/// answers with DeferAsync, which a PoisonPill would cut short (the event stored, its caller never told). Handled by
/// RegionActor.Cluster; the shard's hand-off stop message (KmsClusterNode.StartSharding, docs/cluster.md).
/// </summary>
public sealed record RegionHandOff
{
    public static readonly RegionHandOff Instance = new();
}
