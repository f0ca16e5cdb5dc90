using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Akka.Actor;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using KmsActors.TestKit;
using KmsActors.TestKit.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace KmsActors.Server.Tests.Cluster;

/// <summary>
/// Three KmsActors servers in one cluster (kms.cluster.enabled = on) over one throwaway PostgreSQL 15 server, each its
/// own host and actor system on its own loopback ports (HTTP and Akka remoting), started as the server binary would be:
/// KmsServer.Create with the same switches (docs/cluster.md). Node A is the seed; B and C join through it.
/// </summary>
public sealed class ClusterNodesFixture : IAsyncLifetime
{
    public const int NodeCount = 3;

    private readonly List<WebApplication> _apps = [];
    private readonly List<string> _dataDirs = [];
    private ThrowawayPostgres? _postgres;

    public IReadOnlyList<ClusterTestNode> Nodes { get; private set; } = [];

    public async Task InitializeAsync()
    {
        // CI installs postgresql-15 (.ci/run): without it this is a failure with the reason, not a skip.
        _postgres = ThrowawayPostgres.TryStart(out var reason)
            ?? throw new InvalidOperationException("The cluster tests need PostgreSQL server binaries: " + reason);
        var masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var remotingPorts = Enumerable.Range(0, NodeCount).Select(_ => FreePort()).ToArray();
        var seed = $"akka.tcp://kms@127.0.0.1:{remotingPorts[0]}";
        var nodes = new List<ClusterTestNode>();
        // One after the other: the first node creates the journal's tables; each waits until it is ready (joined, shard
        // regions registered), which is what GET /health reports.
        for (var i = 0; i < NodeCount; i++)
        {
            var dataDir = Path.Combine(Path.GetTempPath(), $"kms-cluster-test-{Guid.NewGuid():N}");
            _dataDirs.Add(dataDir);
            var app = KmsServer.Create(
            [
                "--port", "0", "--data-dir", dataDir,
                "--kms.journal.provider=postgresql", $"--kms.journal.connection-string={_postgres.ConnectionString}",
                $"--kms.persistence.master-key={masterKey}",
                "--kms.cluster.enabled=on", $"--kms.cluster.port={remotingPorts[i]}", $"--kms.cluster.seed-nodes=[\"{seed}\"]",
                // Membership settles faster than Akka's defaults, made for networks rather than loopback.
                "--akka.cluster.gossip-interval=200ms", "--akka.cluster.leader-actions-interval=200ms",
                "--kms.import.pool.RSA_2048=2", "--kms.import.pool.RSA_3072=0", "--kms.import.pool.RSA_4096=0", "--kms.import.pool.SM2=0",
            ]);
            await app.StartAsync();
            _apps.Add(app);
            var system = app.Services.GetRequiredService<ActorSystem>();
            var node = new ClusterTestNode((char)('A' + i), app.Address(), system, AuditRecorder.Start(system));
            nodes.Add(node);
            await node.WaitUntilReady(TimeSpan.FromSeconds(30));
        }
        Nodes = nodes;
    }

    public async Task DisposeAsync()
    {
        // The last joined leaves first; a seed that stops first would only make the others wait for the resolver.
        for (var i = _apps.Count - 1; i >= 0; i--)
        {
            await _apps[i].StopAsync();
            await _apps[i].DisposeAsync();
        }
        foreach (var node in Nodes)
            node.Http.Dispose();
        _postgres?.Dispose();
        foreach (var dir in _dataDirs.Where(Directory.Exists))
            Directory.Delete(dir, recursive: true);
    }

    /// <summary>The AWS SDK for .NET pointed at <paramref name="node"/>.</summary>
    public static AmazonKeyManagementServiceClient Client(ClusterTestNode node) =>
        new(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonKeyManagementServiceConfig
        {
            ServiceURL = node.Address.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
