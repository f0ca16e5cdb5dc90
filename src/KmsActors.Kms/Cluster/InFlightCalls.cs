using System.Collections.Concurrent;
using Akka.Actor;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;
using KmsActors.Kms.Regions;

namespace KmsActors.Kms.Cluster;

/// <summary>
/// The calls that entered on this node and wait for their answer (<see cref="TrackedCall"/>), and what this node knows of
/// where entities run: the home node of each key and region shard, learned from the answers and receipts calls bring
/// back (the sender of an entity's answer is the entity, whose path is /system/sharding/&lt;type&gt;/&lt;shard&gt;/&lt;entity&gt;
/// on its node). When a member becomes unreachable or is downed (<see cref="MemberWatch"/>), the calls that may be on it
/// are failed at once with a retryable KMSInternalException, rather than after the engine's timeout; calls whose
/// entities run on live nodes go on (docs/cluster.md "When a node dies", kms.cluster.fail-calls-on-node-loss).
/// </summary>
internal sealed class InFlightCalls(KmsClusterNode node, TimeSpan timeout)
{
    public const string UnreachableMessage = "The node handling this request is unreachable; retry the request.";
    public const string LeftMessage = "The node handling this request left the cluster; retry the request.";

    private readonly ConcurrentDictionary<TrackedCall, byte> _calls = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<(string Type, string Shard), Address> _homes = new();
    private readonly ConcurrentDictionary<Address, byte> _unreachable = new();
    private readonly EnvelopeExtractor _keyShards = new(node.Settings.KeyShards);
    private readonly EnvelopeExtractor _regionShards = new(node.Settings.RegionShards);

    /// <summary>Tracks <paramref name="command"/> for <paramref name="replyTo"/> on its way to the region entity
    /// <paramref name="regionEntityId"/>; null when it was failed at once (it would go to an unreachable node).</summary>
    public TrackedCall? Start(KmsCommand command, IActorRef replyTo, string regionEntityId, string entryAccountId)
    {
        var call = new TrackedCall(this, ((ExtendedActorSystem)node.System).Provider, replyTo, regionEntityId);
        call.Start(RegionHome(regionEntityId), LeavesItsKey(command, entryAccountId));
        _calls[call] = 0;
        return call.FailIfOnUnreachable() ? null : call;
    }

    public void Remove(TrackedCall call) => _calls.TryRemove(call, out _);

    /// <summary>Unreachable and still a member (once removed, as this node's cluster state already says, its shards move and a
    /// call for them goes to their new home).</summary>
    public bool IsUnreachable(Address member) =>
        _unreachable.ContainsKey(member) && node.Cluster.State.Members.Any(m => m.Address.Equals(member));

    /// <summary>The node the key entity <paramref name="entityId"/>'s shard ran on at the last answer seen from it; null: not known.</summary>
    public Address? KeyHome(string entityId) =>
        _homes.TryGetValue((KmsClusterNode.KeyTypeName, _keyShards.ShardId(entityId)), out var home) ? home : null;

    private Address? RegionHome(string entityId) =>
        _homes.TryGetValue((KmsClusterNode.RegionTypeName, _regionShards.ShardId(entityId)), out var home) ? home : null;

    /// <summary>A receipt: the region entity <paramref name="entityId"/> runs on <paramref name="home"/>.</summary>
    public void LearnRegionHome(string entityId, Address home) =>
        _homes[(KmsClusterNode.RegionTypeName, _regionShards.ShardId(entityId))] = home;

    /// <summary>An answer from an entity: its shard runs on the sender's node.</summary>
    public void LearnHome(IActorRef? sender)
    {
        if (sender is null || sender.IsNobody())
            return;
        var elements = sender.Path.Elements;
        if (elements.Count < 4 || elements[^4] != "sharding" || elements[^3] is not (KmsClusterNode.KeyTypeName or KmsClusterNode.RegionTypeName))
            return;
        var address = sender.Path.Address.HasLocalScope ? node.Cluster.SelfAddress : sender.Path.Address;
        _homes[(elements[^3], elements[^2])] = address;
    }

    /// <summary>UnreachableMember: calls that may be on <paramref name="member"/> fail now; calls sent towards it while it
    /// stays unreachable fail as soon as their route names it (TrackedCall).</summary>
    public int Unreachable(Address member)
    {
        _unreachable[member] = 0;
        return FailOn(member, UnreachableMessage);
    }

    /// <summary>ReachableMember: it answers again; its shards never left it.</summary>
    public void Reachable(Address member) => _unreachable.TryRemove(member, out _);

    /// <summary>MemberRemoved: its shards start elsewhere, so what this node knew of them is forgotten. Downed (a dead or
    /// cut-off node), the calls that may be on it fail now; after a graceful leave it handed its shards over first and
    /// nothing is failed (the calls that were there went on to the new homes).</summary>
    public int Removed(Address member, bool downed)
    {
        _unreachable.TryRemove(member, out _);
        foreach (var (shard, home) in _homes)
        {
            if (home.Equals(member))
                _homes.TryRemove(KeyValuePair.Create(shard, home));
        }
        return downed ? FailOn(member, LeftMessage) : 0;
    }

    /// <summary>A dead letter: remoting drops what it cannot send to a node that is unreachable or gone (a gated or quarantined
    /// association), and a shard region may still send to a removed node's region before it has seen the removal. A
    /// call sent from here (its TrackedCall is the sender) fails now; a call a region entity here routed to a key on a
    /// lost node (a call stamped with its entry node, whose sender is that node's TrackedCall) is failed for its entry node.
    /// An envelope addressed to this node's own stopped shard region is not dropped: <see cref="LeavingRelay"/> sends it
    /// on, and failing its call too would have its caller retry a call that still runs.</summary>
    public void Dropped(object message, IActorRef? sender, IActorRef recipient)
    {
        if (LeavingRelay.Takes(node, message, recipient))
            return;
        if (sender is TrackedCall call)
        {
            call.Fail(UnreachableMessage);
            return;
        }
        if (sender is null || sender.IsNobody() || sender.Path.Address.HasLocalScope)
            return;
        var inner = message switch
        {
            KeyEnvelope key => key.Message,
            RegionEnvelope region => region.Message,
            _ => message,
        };
        if (inner is KmsCommand { Node: not null } or Keys.InitializeKey { Command.Node: not null } or Keys.ReEncryptDestination { Command.Node: not null })
            sender.Tell(new Status.Failure(KmsException.Internal(UnreachableMessage)), ActorRefs.NoSender);
    }

    /// <summary>Fails the calls older than the engine's timeout (their caller has heard the timeout already: this frees them).</summary>
    public void Expire()
    {
        var deadline = Environment.TickCount64 - (long)timeout.TotalMilliseconds;
        foreach (var call in _calls.Keys)
        {
            if (call.StartedAt <= deadline)
                call.Fail(new AskTimeoutException($"Timeout after {timeout.TotalSeconds:0} seconds"));
        }
    }

    private int FailOn(Address member, string message)
    {
        var failed = 0;
        foreach (var call in _calls.Keys)
        {
            if (!call.MayBeOn(member))
                continue;
            call.Fail(message);
            failed++;
        }
        return failed;
    }

    /// <summary>Operations whose path goes beyond the region entity and the key it routes to, through entities the receipts
    /// do not name: an alias change asks its keys from the region entity; ReplicateKey and UpdatePrimaryRegion reach
    /// another region's entity and key; a ReEncrypt whose destination belongs to another account goes through that
    /// account's region entity (the rule of RegionActor.ReEncrypt).</summary>
    private static bool LeavesItsKey(KmsCommand command, string entryAccountId) => command.Request switch
    {
        CreateAliasRequest or UpdateAliasRequest or DeleteAliasRequest or ReplicateKeyRequest or UpdatePrimaryRegionRequest => true,
        ReEncryptRequest request => (request.DestinationKeyId is { } named && KmsArn.TryParse(named, out var arn) && arn.Region == command.Region
            ? arn.AccountId
            : command.Caller.AccountId) != entryAccountId,
        _ => false,
    };
}
