using Akka.Actor;
using KmsActors.Kms.Cluster;

namespace KmsActors.Server;

/// <summary>
/// GET /health (and, in cluster mode, GET /cluster/shards). Single-process: ready (200) while the actor system runs. Cluster mode (docs/cluster.md): the node's view
/// of the cluster's membership, and 503 until this node has joined and its shard regions are registered, so a load
/// balancer sends calls only to nodes that can route them.
/// </summary>
internal static class ServerHealth
{
    public static async Task<IResult> Answer(ActorSystem system, CancellationToken ct)
    {
        if (system.WhenTerminated.IsCompleted)
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        if (KmsClusterNode.Of(system) is not { } node)
            return Results.Ok(new { status = "ok", actorSystem = system.Name });
        var health = await node.HealthAsync(ct).ConfigureAwait(false);
        var body = new
        {
            status = health.Ready ? "ok" : "joining",
            actorSystem = system.Name,
            cluster = new
            {
                node = health.Node,
                memberStatus = health.Status,
                leader = health.Leader,
                members = health.Members.Select(member => new { address = member.Address, status = member.Status, unreachable = member.Unreachable }),
            },
        };
        return health.Ready ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>GET /cluster/shards (cluster mode; 404 otherwise): the shards this node hosts, with their running entities
    /// (docs/cluster.md "Where keys run").</summary>
    public static async Task<IResult> Shards(ActorSystem system, CancellationToken ct)
    {
        if (KmsClusterNode.Of(system) is not { } node)
            return Results.NotFound();
        var shards = await node.ShardsAsync(ct).ConfigureAwait(false);
        return Results.Ok(new { node = shards.Node, keys = shards.Keys, regions = shards.Regions });
    }
}
