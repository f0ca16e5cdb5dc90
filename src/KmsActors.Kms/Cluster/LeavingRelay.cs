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
/// nothing, and the call of a relayed envelope is not failed as dropped (InFlightCalls.Dropped). Started by
/// KmsClusterNode.StartSharding.
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

    /// <summary>A dead letter this relay sends on: an envelope addressed to <paramref name="node"/>'s own shard region of its
    /// type (InFlightCalls leaves its call alone).</summary>
    internal static bool Takes(KmsClusterNode node, object message, IActorRef recipient) => message switch
    {
        KeyEnvelope => recipient.Equals(node.KeyShard),
        RegionEnvelope => recipient.Equals(node.RegionShard),
        _ => false,
    };

    private void OnDeadLetter(DeadLetter letter)
    {
        if (!Takes(_node, letter.Message, letter.Recipient) || Relay() is not { } member)
            return;
        var shardRegion = letter.Message is KeyEnvelope ? _node.KeyShard : _node.RegionShard;
        // The same path on the other member: /system/sharding/<type name>.
        Context.GetLogger().Info("This node's {0} shard region has stopped: an envelope from {1} is sent through {2}", shardRegion.Path.Name, letter.Sender.Path, member);
        Context.ActorSelection(new RootActorPath(member) / shardRegion.Path.Elements).Tell(letter.Message, letter.Sender);
    }

    /// <summary>The Up member, other than this one, with the lowest address: the same for every relayed envelope while it
    /// stays Up, so relayed envelopes from one entity keep their order (not with respect to those sent before the shard
    /// region stopped, which went directly). Null when there is none.</summary>
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
