using Akka.Actor;

namespace KmsActors.Kms.Keys;

// Where the key's reports and requests for its region go: its parent, the RegionActor, in single-process mode; in
// cluster mode the key is a sharded entity whose parent is a shard, and its region an entity of the region shard
// region, possibly on another node (docs/cluster.md).
public sealed partial class KeyActor
{
    /// <summary>Null in single-process mode.</summary>
    private readonly Cluster.KmsClusterNode? _cluster;

    private void ToRegion(object message)
    {
        if (_cluster is null)
            Context.Parent.Tell(message, Self);
        else
            _cluster.TellRegion(_accountId, _region, message, Self);
    }
}
