using Akka.Actor;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Cluster;

/// <summary>
/// Cluster mode's stand-in for a RegionActor on every node (the engine actor's child per account and region, published
/// to the KmsEngine façade like a region): wraps what it receives for the region entity, wherever the coordinator put
/// it. A call is sent with a <see cref="TrackedCall"/> as its sender: its answer may come from another node, and the
/// façade's reply (PendingReply) has no path a remote node could send to; the tracked call also fails at once when a
/// node it may be on is lost (InFlightCalls, docs/cluster.md "When a node dies"). Calls are stamped with this node's
/// address, which their audit record names (additionalEventData.kmsActorsNode, docs/cluster.md).
/// </summary>
internal sealed class RegionEntry : ReceiveActor
{
    private readonly KmsClusterNode _node;
    private readonly string _accountId;
    private readonly string _entityId;

    public RegionEntry(KmsClusterNode node, string accountId, string region)
    {
        _node = node;
        _accountId = accountId;
        _entityId = EntityIds.Region(accountId, region);
        Receive<KmsCommand>(OnCommand);
        ReceiveAny(message => _node.RegionShard.Forward(new RegionEnvelope(_entityId, message)));
    }

    public static Props Props(KmsClusterNode node, string accountId, string region) =>
        Akka.Actor.Props.Create(() => new RegionEntry(node, accountId, region));

    private void OnCommand(KmsCommand command)
    {
        var stamped = command with { Node = _node.Address };
        if (_node.Calls.Start(stamped, Sender, _entityId, _accountId) is { } call)
            _node.RegionShard.Tell(new RegionEnvelope(_entityId, stamped), call);
    }
}
