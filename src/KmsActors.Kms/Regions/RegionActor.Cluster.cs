using Akka.Actor;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Regions;

// Cluster mode (docs/cluster.md): the region is a sharded entity (one per account and region) and its keys are entities
// of the key shard region, not its children. Sharding starts, buffers, passivates and moves them, so _live stays empty;
// the region keeps what only it can keep: the index, aliases, listing, and the due-date timer, which therefore covers
// every key with a due date (a key's own timer may be gone with the node it ran on).
public sealed partial class RegionActor
{
    /// <summary>Null in single-process mode.</summary>
    private readonly Cluster.KmsClusterNode? _cluster;

    /// <summary>Where multi-Region and cross-account messages go: the engine actor above the regions (in cluster mode,
    /// this node's engine actor, which routes them to the other region's entity).</summary>
    private IActorRef Engine => _cluster?.Engine ?? Context.Parent;

    /// <summary>Cluster mode: a decision from a key on another node carries a copy of the command (serialized), not the
    /// object the region asked with; it is matched by request ID (at most one alias call asks at a time).</summary>
    private bool AskedAcrossNodes(ref KmsCommand command, out Queue<string> queue)
    {
        queue = null!;
        if (_cluster is null)
            return false;
        var requestId = command.RequestId;
        foreach (var (asked, keys) in _aliasKeysAsked)
        {
            if (asked.RequestId != requestId)
                continue;
            command = asked;
            queue = keys;
            return true;
        }
        return false;
    }

    /// <summary>A key reports after its recovery (and after changes): a key that (re)started, maybe on another node,
    /// learns its aliases, as a child is told at its start. Calls that reach it before this answer see no aliases
    /// (kms:ResourceAliases conditions): a gap left for later (docs/cluster.md).</summary>
    private void TellAliasesOnReport(KeyStatusChanged status)
    {
        if (!status.Deleted && AliasesOf(status.KeyId) is { Count: > 0 } aliases)
            Sender.Tell(new KeyAliases(aliases));
    }
}
