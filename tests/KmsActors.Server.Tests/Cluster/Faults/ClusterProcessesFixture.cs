using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using KmsActors.TestKit.PostgreSql;

namespace KmsActors.Server.Tests.Cluster.Faults;

/// <summary>
/// Three KmsActors servers as separate processes on loopback, one cluster over one throwaway PostgreSQL (docs/cluster.md),
/// shared by the fault tests: A is the seed; B and C join through it. A test that kills or stops a node calls
/// <see cref="EnsureAllServing"/> first, which restarts any node that is down on its own ports.
/// </summary>
public sealed class ClusterProcessesFixture : IAsyncLifetime
{
    /// <summary>The split-brain resolver's stable-after for these tests (20 s by default: kms.cluster.split-brain-resolver).</summary>
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(3);

    private readonly List<string> _dataDirs = [];
    private ThrowawayPostgres? _postgres;

    public IReadOnlyList<ClusterNodeProcess> Nodes { get; private set; } = [];

    public async Task InitializeAsync()
    {
        // CI installs postgresql-15 (.ci/run): without it this is a failure with the reason, not a skip.
        _postgres = ThrowawayPostgres.TryStart(out var reason)
            ?? throw new InvalidOperationException("The cluster fault tests need PostgreSQL server binaries: " + reason);
        var masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var ports = Enumerable.Range(0, 6).Select(_ => FreePort()).Distinct().ToArray();
        var seed = $"akka.tcp://kms@127.0.0.1:{ports[3]}";
        var nodes = new List<ClusterNodeProcess>();
        for (var i = 0; i < 3; i++)
        {
            var dataDir = Path.Combine(Path.GetTempPath(), $"kms-cluster-faults-{Guid.NewGuid():N}");
            _dataDirs.Add(dataDir);
            nodes.Add(new ClusterNodeProcess((char)('A' + i), ports[i], ports[3 + i],
            [
                "--port", ports[i].ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", dataDir, "--no-console",
                "--kms.journal.provider=postgresql", $"--kms.journal.connection-string={_postgres.ConnectionString}",
                $"--kms.persistence.master-key={masterKey}",
                "--kms.cluster.enabled=on", $"--kms.cluster.port={ports[3 + i]}", $"--kms.cluster.seed-nodes=[\"{seed}\"]",
                $"--kms.cluster.split-brain-resolver.stable-after={StableAfter.TotalSeconds}s",
                // Loopback: membership settles and a dead node is noticed faster than with Akka's defaults, made for networks.
                "--akka.cluster.gossip-interval=200ms", "--akka.cluster.leader-actions-interval=200ms",
                "--akka.cluster.failure-detector.heartbeat-interval=500ms", "--akka.cluster.failure-detector.acceptable-heartbeat-pause=2s",
                "--kms.import.pool.RSA_2048=4", "--kms.import.pool.RSA_3072=0", "--kms.import.pool.RSA_4096=0", "--kms.import.pool.SM2=0",
            ]));
        }
        Nodes = nodes;
        // One after the other: the first node creates the journal's tables (parallel creation races).
        for (var i = 0; i < nodes.Count; i++)
        {
            nodes[i].Start();
            await nodes[i].WaitUntilServing(i + 1, TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>Restarts every node that is down (same ports, same data folder), then waits until all three serve with three Up members.</summary>
    public async Task EnsureAllServing()
    {
        foreach (var node in Nodes.Where(n => !n.Running))
            node.Start();
        foreach (var node in Nodes)
            await node.WaitUntilServing(Nodes.Count, TimeSpan.FromSeconds(60));
    }

    /// <summary>Polls <paramref name="observer"/>'s GET /health until <paramref name="gone"/> is no longer a member.</summary>
    public static async Task WaitUntilRemoved(ClusterNodeProcess observer, ClusterNodeProcess gone, TimeSpan within, Action<string>? statusSeen = null)
    {
        var deadline = DateTime.UtcNow + within;
        (HttpStatusCode, Dictionary<string, string>)? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await observer.Health();
            if (last is (_, var members))
            {
                if (!members.TryGetValue(gone.ClusterAddress, out var status))
                    return;
                statusSeen?.Invoke(status);
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Node {gone.Name} still a member for {observer.Name} after {within}: {ClusterNodeProcess.Describe(last)}");
    }

    /// <summary>The AWS SDK for .NET pointed at <paramref name="node"/>, (signing for <paramref name="region"/>), without the SDK's
    /// retries: every failure the caller would see is counted by the test.</summary>
    public static AmazonKeyManagementServiceClient Client(ClusterNodeProcess node, TimeSpan? timeout = null, string region = "us-east-1") =>
        new(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonKeyManagementServiceConfig
        {
            ServiceURL = node.Address.ToString(),
            AuthenticationRegion = region,
            MaxErrorRetry = 0,
            Timeout = timeout ?? TimeSpan.FromSeconds(40),
        });

    public async Task DisposeAsync()
    {
        // The last joined leaves first; SIGTERM lets each leave, which is quicker for the others than the resolver.
        foreach (var node in Nodes.Reverse())
        {
            node.Terminate();
            if (!await node.WaitForExit(TimeSpan.FromSeconds(20)))
                await node.Kill();
            node.Dispose();
        }
        _postgres?.Dispose();
        foreach (var dir in _dataDirs.Where(Directory.Exists))
            Directory.Delete(dir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
