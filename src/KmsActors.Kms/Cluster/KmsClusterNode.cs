using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Protocol;
using KmsActors.Kms.Regions;

namespace KmsActors.Kms.Cluster;

/// <summary>
/// This actor system as one node of a KmsActors cluster (kms.cluster.enabled = on, docs/cluster.md): the two shard
/// regions it hosts — region entities (one per account and region: index, aliases, listing, due dates) and key
/// entities (one KeyActor per key) — and its health. Started by KmsEngine.Start; absent in single-process mode, where
/// nothing of this runs.
/// </summary>
public sealed class KmsClusterNode
{
    /// <summary>The sharding type name of the key entities.</summary>
    public const string KeyTypeName = "kms-key";
    /// <summary>The sharding type name of the region entities.</summary>
    public const string RegionTypeName = "kms-region";

    private static readonly ConditionalWeakTable<ActorSystem, KmsClusterNode> Nodes = new();

    private KmsClusterNode(ActorSystem system, KmsClusterSettings settings)
    {
        System = system;
        Settings = settings;
        Cluster = Akka.Cluster.Cluster.Get(system);
    }

    public ActorSystem System { get; }

    public KmsClusterSettings Settings { get; }

    internal Akka.Cluster.Cluster Cluster { get; }

    /// <summary>This node's address, e.g. "akka.tcp://kms@127.0.0.1:4560": what audit records name (kmsActorsNode).</summary>
    public string Address => Cluster.SelfAddress.ToString();

    /// <summary>The key shard region (accepts <see cref="KeyEnvelope"/>).</summary>
    public IActorRef KeyShard { get; private set; } = ActorRefs.Nobody;

    /// <summary>The region shard region (accepts <see cref="RegionEnvelope"/>).</summary>
    public IActorRef RegionShard { get; private set; } = ActorRefs.Nobody;

    /// <summary>This node's engine actor (/user/kms): region entities send it what goes between regions.</summary>
    internal IActorRef Engine { get; private set; } = ActorRefs.Nobody;

    /// <summary>The calls that entered on this node and wait for their answer (failed at once when a node they may be on
    /// is lost: docs/cluster.md "When a node dies").</summary>
    internal InFlightCalls Calls { get; private set; } = null!;

    /// <summary>The node of <paramref name="system"/>, or null in single-process mode.</summary>
    public static KmsClusterNode? Of(ActorSystem system) => Nodes.TryGetValue(system, out var node) ? node : null;

    /// <summary>Null unless kms.cluster.enabled; refuses a configuration that cannot run a cluster.</summary>
    internal static KmsClusterNode? CreateIfEnabled(ActorSystem system)
    {
        var config = system.Settings.Config;
        var settings = KmsClusterSettings.From(config);
        if (!settings.Enabled)
            return null;
        // Also here, not only in KmsConfiguration.Load: a host may have assembled its configuration by hand.
        ClusterConfiguration.Refuse(config, KmsSettings.From(system).JournalProvider.ToLowerInvariant());
        if (((ExtendedActorSystem)system).Provider is not Akka.Cluster.ClusterActorRefProvider)
            throw new ConfigurationException("kms.cluster.enabled = on, but akka.actor.provider is not cluster: build the configuration with KmsConfiguration.Load, which derives the Akka cluster settings from kms.cluster.*.");
        var node = new KmsClusterNode(system, settings);
        Nodes.AddOrUpdate(system, node);
        return node;
    }

    /// <summary>Starts both shard regions on this node (after the engine actor, which region entities talk to).</summary>
    internal void StartSharding(IActorRef engine, TimeSpan timeout)
    {
        Engine = engine;
        Calls = new InFlightCalls(this, timeout);
        System.ActorOf(MemberWatch.Props(Calls, Settings.FailCallsOnNodeLoss), "kms-member-watch");
        System.ActorOf(LeavingRelay.Props(this), "kms-leaving-relay");
        var sharding = ClusterSharding.Get(System);
        var kms = KmsSettings.From(System);
        var keys = ClusterShardingSettings.Create(System).WithRememberEntities(false);
        // Sharding's own passivation: an idle key stops after kms.passivate-after (StopPassivated, which a key waiting
        // for an answer only it can take delays: KeyActor.Passivation). Off with passivate-after = 0.
        keys = kms.PassivateAfter > TimeSpan.Zero ? keys.WithPassivateIdleAfter(kms.PassivateAfter) : keys.WithPassivateIdleAfter(TimeSpan.Zero);
        KeyShard = sharding.Start(KeyTypeName, KeyProps, keys, new EnvelopeExtractor(Settings.KeyShards),
            sharding.DefaultShardAllocationStrategy(keys), StopPassivated.Instance);
        // Region entities stop on a hand-off with RegionHandOff, after answering what they accepted (not PoisonPill).
        // Region entities are remembered: one restarts on another node as soon as its shard does, re-arming the due-date
        // timer that wakes keys for their ValidTo and deletion dates (RegionActor.DueDates), with nobody calling.
        var regions = ClusterShardingSettings.Create(System).WithRememberEntities(true);
        RegionShard = sharding.Start(RegionTypeName, RegionProps, regions, new EnvelopeExtractor(Settings.RegionShards),
            sharding.DefaultShardAllocationStrategy(regions), RegionHandOff.Instance);
    }

    private Props KeyProps(string entityId)
    {
        var (account, region, keyId) = EntityIds.ParseKey(entityId);
        return KeyActor.Props(keyId, account, region, this);
    }

    private static Props RegionProps(string entityId)
    {
        var (account, region) = EntityIds.ParseRegion(entityId);
        return RegionActor.Props(account, region);
    }

    /// <summary>What a region entity delivers to one of its keys (cluster mode's Deliver: RegionActor.Children). A call
    /// (stamped with its entry node by RegionEntry, whose TrackedCall is then its sender) is also reported to its entry
    /// node: a receipt naming the key and this node, so that the call fails at once if either node is lost
    /// (docs/cluster.md "When a node dies").</summary>
    internal void TellKey(string accountId, string region, string keyId, object message, IActorRef sender)
    {
        var entityId = EntityIds.Key(accountId, region, keyId);
        if (message is KmsCommand { Node: not null } or InitializeKey { Command.Node: not null } or ReEncryptDestination { Command.Node: not null })
            sender.Tell(new CallRouted(entityId, Address), ActorRefs.NoSender);
        KeyShard.Tell(new KeyEnvelope(entityId, message), sender);
    }

    /// <summary>What a key entity tells its region (single-process mode: its parent).</summary>
    internal void TellRegion(string accountId, string region, object message, IActorRef sender) =>
        RegionShard.Tell(new RegionEnvelope(EntityIds.Region(accountId, region), message), sender);

    /// <summary>Membership and readiness for GET /health: ready once this node is Up and both shard regions are
    /// registered with their coordinators (which answer only once the coordinator singleton runs).</summary>
    public async Task<ClusterHealth> HealthAsync(CancellationToken ct = default)
    {
        var state = Cluster.State;
        var self = Cluster.SelfMember;
        var members = state.Members
            .Select(member => new ClusterMemberHealth(member.Address.ToString(), member.Status.ToString(), state.Unreachable.Contains(member)))
            .ToList();
        var shardsUp = self.Status == MemberStatus.Up
            && await Registered(KeyShard, ct).ConfigureAwait(false)
            && await Registered(RegionShard, ct).ConfigureAwait(false);
        return new ClusterHealth(shardsUp, Address, self.Status.ToString(), state.Leader?.ToString(), members);
    }

    /// <summary>The shards this node hosts and their running entities (GET /cluster/shards: where keys and regions run,
    /// for operators and the fault tests), from sharding's own GetShardRegionState.</summary>
    public async Task<ClusterShards> ShardsAsync(CancellationToken ct = default)
    {
        return new ClusterShards(Address, await Local(KeyShard).ConfigureAwait(false), await Local(RegionShard).ConfigureAwait(false));

        async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> Local(IActorRef shardRegion)
        {
            var state = await shardRegion.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
            return state.Shards.OrderBy(shard => shard.ShardId, StringComparer.Ordinal)
                .ToDictionary(shard => shard.ShardId, shard => (IReadOnlyList<string>)[.. shard.EntityIds.Order(StringComparer.Ordinal)], StringComparer.Ordinal);
        }
    }

    private async Task<bool> Registered(IActorRef shardRegion, CancellationToken ct)
    {
        try
        {
            var regions = await shardRegion.Ask<CurrentRegions>(GetCurrentRegions.Instance, TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
            return regions.Regions.Contains(Cluster.SelfAddress);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return false;
        }
    }
}
