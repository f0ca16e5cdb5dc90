using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using KmsActors.TestKit.PostgreSql;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>
/// --nodes N: a throwaway PostgreSQL and N KmsActors servers as processes on loopback (the KmsActors.Server.dll built next
/// to this sample), started one after the other, each waited for until GET /health is 200. N = 1 with --no-cluster runs
/// one plain server on the same PostgreSQL journal (the baseline without sharding). docs/cluster.md.
/// </summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private readonly List<string> _dataDirs = [];
    private readonly ThrowawayPostgres _postgres;

    private ClusterNodes(ThrowawayPostgres postgres) => _postgres = postgres;

    public List<Uri> Endpoints { get; } = [];

    /// <summary>The journal's database: rows written per call are read from its statistics.</summary>
    public string ConnectionString => _postgres.ConnectionString;

    public static async Task<ClusterNodes> Start(int count, bool cluster, bool fastDowning, TextWriter log)
    {
        var postgres = ThrowawayPostgres.TryStart(out var reason)
            ?? throw new InvalidOperationException("--nodes needs PostgreSQL server binaries (postgresql-15): " + reason);
        var nodes = new ClusterNodes(postgres);
        var masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var remoting = Enumerable.Range(0, count).Select(_ => FreePort()).ToArray();
        var server = ServerDll();
        for (var i = 0; i < count; i++)
        {
            var http = FreePort();
            var dataDir = Path.Combine(Path.GetTempPath(), $"kms-loadsim-node-{Guid.NewGuid():N}");
            nodes._dataDirs.Add(dataDir);
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            List<string> args =
            [
                server, "--port", http.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", dataDir, "--no-console",
                "--kms.journal.provider=postgresql", $"--kms.journal.connection-string={postgres.ConnectionString}",
                $"--kms.persistence.master-key={masterKey}",
                "--kms.import.pool.RSA_2048=0", "--kms.import.pool.RSA_3072=0", "--kms.import.pool.RSA_4096=0", "--kms.import.pool.SM2=0",
            ];
            if (cluster)
                args.AddRange(
                [
                    "--kms.cluster.enabled=on", $"--kms.cluster.port={remoting[i]}", $"--kms.cluster.seed-nodes=[\"akka.tcp://kms@127.0.0.1:{remoting[0]}\"]",
                    "--akka.cluster.gossip-interval=200ms", "--akka.cluster.leader-actions-interval=200ms",
                ]);
            // --kill-after: a dead node is noticed and downed within seconds (the tests' settings, ClusterProcessesFixture).
            if (cluster && fastDowning)
                args.AddRange(
                [
                    "--kms.cluster.split-brain-resolver.stable-after=3s",
                    "--akka.cluster.failure-detector.heartbeat-interval=500ms", "--akka.cluster.failure-detector.acceptable-heartbeat-pause=2s",
                ]);
            foreach (var arg in args)
                start.ArgumentList.Add(arg);
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) log.WriteLine($"[node {i + 1}] {line}"); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            nodes._processes.Add(process);
            var endpoint = new Uri($"http://127.0.0.1:{http}/");
            nodes.Endpoints.Add(endpoint);
            await WaitHealthy(endpoint, process, TimeSpan.FromSeconds(90)).ConfigureAwait(false);
            log.WriteLine($"node {i + 1} serving on {endpoint}{(cluster ? $" (remoting {remoting[i]})" : "")}");
        }
        return nodes;
    }

    /// <summary>KMS_SERVER_DLL, or the server built in this repository in the sample's configuration (the sample's build
    /// builds it: a ProjectReference without its assembly), found from the sample's folder upwards.</summary>
    private static string ServerDll()
    {
        if (Environment.GetEnvironmentVariable("KMS_SERVER_DLL") is { Length: > 0 } given)
            return given;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "KmsActors.Server", "bin", configuration, "net10.0", "KmsActors.Server.dll");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"KmsActors.Server.dll ({configuration}) not found above {AppContext.BaseDirectory}: build src/KmsActors.Server or set KMS_SERVER_DLL.");
    }

    private static async Task WaitHealthy(Uri endpoint, Process process, TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The node on {endpoint} exited with {process.ExitCode}.");
            try
            {
                using var response = await http.GetAsync("/health").ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200).ConfigureAwait(false);
        }
        throw new TimeoutException($"The node on {endpoint} was not ready within {within}.");
    }

    /// <summary>SIGKILL of the last node: its endpoint stops answering, the others down it (split-brain resolver).</summary>
    public void KillLast() => _processes[^1].Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        // SIGTERM, the last started first: each leaves the cluster (CoordinatedShutdown) instead of waiting to be downed.
        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited)
                Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
            process.Dispose();
        }
        _postgres.Dispose();
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
