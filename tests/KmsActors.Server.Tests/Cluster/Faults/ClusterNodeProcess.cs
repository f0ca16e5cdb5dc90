using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace KmsActors.Server.Tests.Cluster.Faults;

/// <summary>
/// One KmsActors server started as its own process (the KmsActors.Server.dll built next to these tests, so the binary of
/// this build, Debug or Release), on fixed loopback ports: HTTP and Akka remoting. Killed with SIGKILL, stopped with
/// SIGTERM (the host's stop runs CoordinatedShutdown: the node leaves the cluster), restarted on the same ports.
/// </summary>
public sealed class ClusterNodeProcess : IDisposable
{
    private readonly IReadOnlyList<string> _args;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public ClusterNodeProcess(char name, int httpPort, int remotingPort, IReadOnlyList<string> args)
    {
        Name = name;
        HttpPort = httpPort;
        RemotingPort = remotingPort;
        _args = args;
        Http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
    }

    public char Name { get; }

    public int HttpPort { get; }

    public int RemotingPort { get; }

    public Uri Address => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>"akka.tcp://kms@127.0.0.1:&lt;remoting port&gt;", as cluster members are named in GET /health.</summary>
    public string ClusterAddress => $"akka.tcp://kms@127.0.0.1:{RemotingPort}";

    public HttpClient Http { get; }

    public bool Running => _process is { HasExited: false };

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    public void Start()
    {
        var server = Path.Combine(AppContext.BaseDirectory, "KmsActors.Server.dll");
        if (!File.Exists(server))
            throw new FileNotFoundException("The server binary is not next to the tests (KmsActors.Server.Tests references KmsActors.Server).", server);
        // The SDK tells child processes which dotnet runs them; outside it, the one on PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(server);
        foreach (var arg in _args)
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>SIGKILL (Process.Kill on Linux): no shutdown of any kind, the node just vanishes.</summary>
    public async Task Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM: the host stops, which runs Akka's CoordinatedShutdown (leave the cluster, hand shards over).</summary>
    public void Terminate()
    {
        if (_process is not { HasExited: false } p)
            return;
        using var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public async Task<bool> WaitForExit(TimeSpan within)
    {
        if (_process is null)
            return true;
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>GET /health: status and the members it lists (address → status), or null when the node does not answer.</summary>
    public async Task<(HttpStatusCode Status, Dictionary<string, string> Members)?> Health()
    {
        try
        {
            using var response = await Http.GetAsync("/health");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var members = new Dictionary<string, string>();
            if (body.TryGetProperty("cluster", out var cluster) && cluster.TryGetProperty("members", out var list))
                foreach (var member in list.EnumerateArray())
                    members[member.GetProperty("address").GetString()!] =
                        member.GetProperty("status").GetString()! + (member.GetProperty("unreachable").GetBoolean() ? " (unreachable)" : "");
            return (response.StatusCode, members);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>GET /cluster/shards: the IDs of the key entities and of the region entities running on this node.</summary>
    public async Task<(HashSet<string> Keys, HashSet<string> Regions)> Entities()
    {
        using var response = await Http.GetAsync("/cluster/shards");
        response.EnsureSuccessStatusCode();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (Ids(body.GetProperty("keys")), Ids(body.GetProperty("regions")));

        static HashSet<string> Ids(JsonElement shards) =>
            [.. shards.EnumerateObject().SelectMany(shard => shard.Value.EnumerateArray().Select(id => id.GetString()!))];
    }

    /// <summary>Polls GET /health until it is 200 and lists <paramref name="members"/> nodes, all Up and reachable: joining
    /// takes real time (gossip rounds between processes), no engine clock applies.</summary>
    public async Task WaitUntilServing(int members, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        (HttpStatusCode, Dictionary<string, string>)? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
                throw new InvalidOperationException($"Node {Name} exited with {_process.ExitCode}.\n{Output()}");
            last = await Health();
            if (last is (HttpStatusCode.OK, var seen) && seen.Count == members && seen.Values.All(s => s == "Up"))
                return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Node {Name} not serving with {members} members within {within}: {Describe(last)}\n{Output()}");
    }

    public static string Describe((HttpStatusCode Status, Dictionary<string, string> Members)? health) =>
        health is var (status, members) ? $"{status} [{string.Join(", ", members.Select(m => $"{m.Key}={m.Value}"))}]" : "no answer";

    public string Output()
    {
        lock (_output)
        {
            var text = _output.ToString();
            return text.Length > 4000 ? text[^4000..] : text;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine($"[{Name}] {line}");
    }

    public void Dispose()
    {
        if (_process is { HasExited: false } p)
            p.Kill(entireProcessTree: true);
        _process?.Dispose();
        Http.Dispose();
    }
}
