using Akka.Configuration;

namespace KmsActors.Kms.Cluster;

/// <summary>
/// Turns kms.cluster.* into the Akka settings of a cluster node (docs/cluster.md): the cluster actor-ref provider,
/// remoting on kms.cluster.hostname:port, the seed nodes, Akka's split-brain resolver as the downing provider, and
/// sharding's remember-entities in the journal. Refuses what cannot work: a cluster on a journal only one process
/// can reach (SQLite, in-memory), or with no shared master key (each node would seal material under its own).
/// </summary>
internal static class ClusterConfiguration
{
    public static Config Apply(Config config, string provider)
    {
        var settings = KmsClusterSettings.From(config);
        if (!settings.Enabled)
            return config;
        Refuse(config, provider);
        var seeds = string.Join(", ", settings.SeedNodes.Select(Quote));
        var layer = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp.hostname = {{Quote(settings.Hostname)}}
            akka.remote.dot-netty.tcp.port = {{settings.Port}}
            akka.cluster.seed-nodes = [{{seeds}}]
            akka.cluster.downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
            akka.cluster.split-brain-resolver.active-strategy = {{Quote(settings.SplitBrainStrategy)}}
            akka.cluster.split-brain-resolver.stable-after = {{(long)settings.SplitBrainStableAfter.TotalMilliseconds}}ms
            akka.cluster.sharding.remember-entities-store = eventsourced
            akka.actor.serialization-settings.json.converters = ["KmsActors.Kms.Cluster.ClusterJsonConverter, KmsActors.Kms"]
            akka.actor.serializers.kms-cluster = "KmsActors.Kms.Cluster.ClusterFailureSerializer, KmsActors.Kms"
            akka.actor.serialization-bindings {
              "Akka.Actor.Status+Failure, Akka" = kms-cluster
            }
            akka.actor.serialization-identifiers {
              "KmsActors.Kms.Cluster.ClusterFailureSerializer, KmsActors.Kms" = 4600
            }
            """);
        return layer.WithFallback(config);
    }

    /// <summary>The refusals, with what to do instead (tested: ClusterConfigurationTests).</summary>
    public static void Refuse(Config config, string provider)
    {
        if (provider is not ("postgresql" or "postgres"))
            throw new ConfigurationException(
                $"kms.cluster.enabled = on needs kms.journal.provider = postgresql (it is {provider}): every node must read and write " +
                "the same journal, and a SQLite file or an in-memory journal belongs to one process. Set kms.journal.provider = postgresql " +
                "and kms.journal.connection-string (docs/cluster.md).");
        if (string.IsNullOrWhiteSpace(config.GetString("kms.persistence.master-key", "")))
            throw new ConfigurationException(
                "kms.cluster.enabled = on needs kms.persistence.master-key, the same on every node: a key that moves to another node " +
                "must open the material it sealed (base64 of 32 random bytes, e.g. `openssl rand -base64 32`; docs/cluster.md).");
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
