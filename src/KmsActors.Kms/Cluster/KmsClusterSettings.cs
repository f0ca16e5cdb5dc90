using Akka.Configuration;

namespace KmsActors.Kms.Cluster;

/// <summary>The kms.cluster section (hocon/reference.conf, docs/cluster.md): whether the engine runs as one node of an
/// Akka cluster, where it listens, whom it joins and how keys are spread.</summary>
public sealed record KmsClusterSettings
{
    public required bool Enabled { get; init; }
    /// <summary>Akka addresses of the seed nodes, e.g. "akka.tcp://kms@127.0.0.1:4560".</summary>
    public required IReadOnlyList<string> SeedNodes { get; init; }
    public required string Hostname { get; init; }
    /// <summary>The remoting port; 0 picks a free one (then this node cannot be a seed node).</summary>
    public required int Port { get; init; }
    /// <summary>Shards the keys are spread over (Akka.Cluster.Sharding's number of shards: ~10 × the largest node count).</summary>
    public required int KeyShards { get; init; }
    /// <summary>Shards of the region entities (one entity per account and region).</summary>
    public required int RegionShards { get; init; }
    /// <summary>akka.cluster.split-brain-resolver.active-strategy.</summary>
    public required string SplitBrainStrategy { get; init; }
    public required TimeSpan SplitBrainStableAfter { get; init; }
    /// <summary>Calls that may be on a member that becomes unreachable or is downed fail at once with a retryable
    /// KMSInternalException, instead of waiting out the engine's timeout (docs/cluster.md "When a node dies").</summary>
    public bool FailCallsOnNodeLoss { get; init; } = true;

    public static KmsClusterSettings From(Config config)
    {
        var section = config.GetConfig("kms.cluster") ?? Config.Empty;
        return new KmsClusterSettings
        {
            Enabled = section.GetBoolean("enabled", false),
            SeedNodes = ReadSeedNodes(section),
            Hostname = section.GetString("hostname", "127.0.0.1"),
            Port = section.GetInt("port", 0),
            KeyShards = section.GetInt("key-shards", 100),
            RegionShards = section.GetInt("region-shards", 10),
            SplitBrainStrategy = section.GetString("split-brain-resolver.active-strategy", "keep-majority"),
            SplitBrainStableAfter = section.GetTimeSpan("split-brain-resolver.stable-after", TimeSpan.FromSeconds(20)),
            FailCallsOnNodeLoss = section.GetBoolean("fail-calls-on-node-loss", true),
        };
    }

    /// <summary>A HOCON list, or (from an environment variable or a quoted switch) one string of comma-separated addresses.</summary>
    private static IReadOnlyList<string> ReadSeedNodes(Config section)
    {
        if (!section.HasPath("seed-nodes"))
            return [];
        var value = section.GetValue("seed-nodes");
        if (value.IsArray())
            return [.. value.GetStringList()];
        return [.. (value.GetString() ?? "").Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(seed => seed.Trim('"'))];
    }
}
