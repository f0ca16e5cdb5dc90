using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace KmsActors.Kms.Cluster;

/// <summary>
/// One per node: what this node's entities send while it leaves the cluster gracefully. Akka's CoordinatedShutdown stops
/// both shard regions (phase cluster-sharding-shutdown-region), and the region shard region can stop before the key
/// entities of the key shard region have finished their last writes; a key's report then goes to a stopped actor (a
/// new key's NewKeyPersisted among them, and with it its creator's answer). Such an envelope is a dead letter addressed
/// to this node's own shard region; it is sent to the shard region of the same type on another Up member, which routes
/// it to the entity's home (docs/cluster.md "A graceful leave"). Nothing is delivered twice: a stopped actor handles
/// nothing. Started by KmsClusterNode.StartSharding.
/// </summary>
internal sealed class LeavingRelay : ReceiveActor
{
    private readonly KmsClusterNode _node;

    public LeavingRelay(KmsClusterNode node)
    {
        _node = node;
        Receive<DeadLetter>(OnDeadLetter);
    }

    public static Props Props(KmsClusterNode node) => Akka.Actor.Props.Create(() => new LeavingRelay(node));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void OnDeadLetter(DeadLetter letter)
    {
        var shardRegion = letter.Message switch
        {
            KeyEnvelope when letter.Recipient.Equals(_node.KeyShard) => _node.KeyShard,
            RegionEnvelope when letter.Recipient.Equals(_node.RegionShard) => _node.RegionShard,
            _ => null,
        };
        if (shardRegion is null || Relay() is not { } member)
            return;
        // The same path on the other member: /system/sharding/<type name>.
        Context.GetLogger().Info("This node's {0} shard region has stopped: an envelope from {1} is sent through {2}", shardRegion.Path.Name, letter.Sender.Path, member);
        Context.ActorSelection(new RootActorPath(member) / shardRegion.Path.Elements).Tell(letter.Message, letter.Sender);
    }

    /// <summary>The Up member, other than this one, with the lowest address: the same for every envelope while it stays Up,
    /// so that envelopes from one entity keep their order. Null when there is none.</summary>
    private Address? Relay()
    {
        var self = _node.Cluster.SelfAddress;
        Address? relay = null;
        foreach (var member in _node.Cluster.State.Members)
        {
            if (member.Status == MemberStatus.Up && !member.Address.Equals(self) && (relay is null || Member.AddressOrdering.Compare(member.Address, relay) < 0))
                relay = member.Address;
        }
        return relay;
    }
}
