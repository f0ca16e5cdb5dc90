using Akka.Configuration;

namespace KmsActors.Server.Tests.Cluster;

/// <summary>Cluster mode refuses to start where it cannot keep its promises (docs/cluster.md).</summary>
public sealed class ClusterRefusalTests
{
    [Fact]
    public void a_cluster_on_the_sqlite_journal_is_refused_with_what_to_do()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"kms-cluster-refusal-{Guid.NewGuid():N}");
        try
        {
            var error = Assert.Throws<ConfigurationException>(() => KmsServer.Create(["--port", "0", "--data-dir", dataDir, "--kms.cluster.enabled=on"]));
            Assert.StartsWith("kms.cluster.enabled = on needs kms.journal.provider = postgresql (it is sqlite)", error.Message);
            Assert.Contains("kms.journal.connection-string", error.Message);
        }
        finally
        {
            if (Directory.Exists(dataDir))
                Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public void a_cluster_on_the_in_memory_journal_is_refused()
    {
        var error = Assert.Throws<ConfigurationException>(() => KmsServer.Create(["--port", "0", "--in-memory", "--kms.cluster.enabled=on"]));
        Assert.StartsWith("kms.cluster.enabled = on needs kms.journal.provider = postgresql (it is inmem)", error.Message);
    }

    [Fact]
    public void a_cluster_without_a_shared_master_key_is_refused()
    {
        var error = Assert.Throws<ConfigurationException>(() => KmsServer.Create(
            ["--port", "0", "--kms.cluster.enabled=on", "--kms.journal.provider=postgresql", "--kms.journal.connection-string=Host=127.0.0.1;Port=1"]));
        Assert.StartsWith("kms.cluster.enabled = on needs kms.persistence.master-key, the same on every node", error.Message);
    }
}
