using Akka.Actor;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Cluster;

/// <summary>
/// Cluster mode's stand-in for a RegionActor on every node (the engine actor's child per account and region, published
/// to the KmsEngine façade like a region): wraps what it receives for the region entity, wherever the coordinator put
/// it. A call from the façade waits on an Ask: its reply may come from another node, and the façade's reply
/// (PendingReply) has no path a remote node could send to. Calls are stamped with this node's address, which their
/// audit record names (additionalEventData.kmsActorsNode, docs/cluster.md).
/// </summary>
internal sealed class RegionEntry : ReceiveActor
{
    private readonly KmsClusterNode _node;
    private readonly string _entityId;
    private readonly TimeSpan _timeout;

    public RegionEntry(KmsClusterNode node, string accountId, string region, TimeSpan timeout)
    {
        _node = node;
        _entityId = EntityIds.Region(accountId, region);
        _timeout = timeout;
        Receive<KmsCommand>(OnCommand);
        ReceiveAny(message => _node.RegionShard.Forward(new RegionEnvelope(_entityId, message)));
    }

    public static Props Props(KmsClusterNode node, string accountId, string region, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new RegionEntry(node, accountId, region, timeout));

    private void OnCommand(KmsCommand command)
    {
        var envelope = new RegionEnvelope(_entityId, command with { Node = _node.Address });
        if (Sender is not PendingReply)
        {
            _node.RegionShard.Forward(envelope);
            return;
        }
        var replyTo = Sender;
        _node.RegionShard.Ask<object>(envelope, _timeout).ContinueWith(answered =>
        {
            if (answered.IsCompletedSuccessfully)
                replyTo.Tell(answered.Result);
            else
                replyTo.Tell(new Status.Failure(answered.Exception?.GetBaseException() ?? new TaskCanceledException()));
        }, TaskContinuationOptions.ExecuteSynchronously);
    }
}
