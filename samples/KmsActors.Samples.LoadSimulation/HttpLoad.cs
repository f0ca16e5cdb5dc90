using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Npgsql;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>
/// The load simulation against running servers over HTTP (--endpoints http://a,http://b) or against N node processes it
/// starts (--nodes N, docs/cluster.md): symmetric keys created through the nodes in turn, then clients (client i calls
/// endpoint i mod N with the AWS SDK) making Encrypt, Decrypt, GenerateDataKey and DescribeKey calls for a duration. The
/// JSON summary has the totals and per-node figures; with --nodes also the journal rows written per call.
/// </summary>
public static class HttpLoad
{
    public const string Usage = """
        KmsActors load simulation over HTTP (cluster mode, docs/cluster.md)
          --endpoints http://127.0.0.1:4599,http://127.0.0.1:4600   running servers (one cluster, or one server)
          --nodes N [--no-cluster]         start N nodes on loopback with a throwaway PostgreSQL (--no-cluster: N = 1, no sharding)
          --kill-after 10s                 with --nodes: SIGKILL the last node then; reports the survivors' recovery time
          --clients 16 --keys 32 --duration 20s --json FILE
        """;

    public static bool Applies(IReadOnlyList<string> args) => args.Contains("--endpoints") || args.Contains("--nodes");

    public static async Task<int> Run(IReadOnlyList<string> args)
    {
        string? Value(string flag) => args.ToList().IndexOf(flag) is var i and >= 0 && i + 1 < args.Count ? args[i + 1] : null;
        var clients = int.Parse(Value("--clients") ?? "16", CultureInfo.InvariantCulture);
        var keyCount = int.Parse(Value("--keys") ?? "32", CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse((Value("--duration") ?? "20s").TrimEnd('s'), CultureInfo.InvariantCulture));
        var cluster = !args.Contains("--no-cluster");
        var killAfter = Value("--kill-after") is { } k ? TimeSpan.FromSeconds(double.Parse(k.TrimEnd('s'), CultureInfo.InvariantCulture)) : (TimeSpan?)null;
        await using var nodes = Value("--nodes") is { } n
            ? await ClusterNodes.Start(int.Parse(n, CultureInfo.InvariantCulture), cluster, killAfter is not null, Console.Error).ConfigureAwait(false)
            : null;
        var endpoints = nodes?.Endpoints ?? [.. (Value("--endpoints") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e => new Uri(e))];
        if (endpoints.Count == 0)
        {
            Console.WriteLine(Usage);
            return 2;
        }
        var sdk = endpoints.Select(Client).ToArray();
        var rowsAtStart = nodes is null ? 0 : await RowsWritten(nodes.ConnectionString).ConfigureAwait(false);
        var setup = Stopwatch.StartNew();
        var keys = new List<string>();
        for (var i = 0; i < keyCount; i++)
            keys.Add((await sdk[i % sdk.Length].CreateKeyAsync(new CreateKeyRequest { Description = "load simulation" }).ConfigureAwait(false)).KeyMetadata.KeyId);
        Console.Error.WriteLine($"{keyCount} keys created in {setup.Elapsed.TotalSeconds:F1} s; running {clients} clients over {endpoints.Count} endpoint(s) for {duration.TotalSeconds:F0} s");

        var rowsBefore = nodes is null ? 0 : await RowsWritten(nodes.ConnectionString).ConfigureAwait(false);
        var stats = endpoints.Select(_ => new NodeStats()).ToArray();
        using var stop = new CancellationTokenSource(duration);
        var run = Stopwatch.StartNew();
        long? killedAt = null;
        if (nodes is not null && killAfter is { } after)
            _ = Task.Delay(after).ContinueWith(_ =>
            {
                killedAt = Stopwatch.GetTimestamp();
                nodes.KillLast();
                Console.Error.WriteLine($"killed node {endpoints.Count} at {run.Elapsed.TotalSeconds:F1} s");
            }, TaskScheduler.Default);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => Loop(sdk[c % sdk.Length], stats[c % sdk.Length], keys, new Random(c), stop.Token)))).ConfigureAwait(false);
        var elapsed = run.Elapsed;
        var rowsWritten = nodes is null ? 0 : await RowsWritten(nodes.ConnectionString).ConfigureAwait(false) - rowsBefore;

        var all = stats.SelectMany(s => s.Latencies).Order().ToArray();
        var calls = stats.Sum(s => s.Latencies.Count);
        var report = new JsonObject
        {
            ["mode"] = nodes is null ? "endpoints" : cluster ? $"{endpoints.Count} cluster nodes" : "1 server, no cluster",
            ["endpoints"] = endpoints.Count,
            ["clients"] = clients,
            ["keys"] = keyCount,
            ["seconds"] = Math.Round(elapsed.TotalSeconds, 2),
            ["calls"] = calls,
            ["errors"] = stats.Sum(s => s.Errors),
            ["callsPerSecond"] = Math.Round(calls / elapsed.TotalSeconds, 1),
            ["p50Ms"] = Percentile(all, 0.50), ["p90Ms"] = Percentile(all, 0.90), ["p99Ms"] = Percentile(all, 0.99),
            ["journalRowsPerCreateKey"] = nodes is null ? null : Math.Round((double)(rowsBefore - rowsAtStart) / keyCount, 2),
            // After SIGKILL of the last node: the last call through a survivor that failed or took over 1 s ended this long
            // after the kill; from then on every call through the survivors was answered, and quickly. A call caught by the
            // kill is answered at once with a retryable KMSInternalException (docs/cluster.md "When a node dies"), and so is
            // one sent towards the dead node until it is downed.
            ["recoverySecondsAfterKill"] = killedAt is { } killed
                ? Math.Round(stats[..^1].SelectMany(s => s.Bad).Select(t => Stopwatch.GetElapsedTime(killed, t).TotalSeconds).DefaultIfEmpty(0).Max(), 2)
                : null,
            ["journalRowsPerCall"] = nodes is null || calls == 0 ? null : Math.Round((double)rowsWritten / calls, 3),
            ["loadAverage"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null,
            ["nodes"] = new JsonArray([.. endpoints.Select((endpoint, i) =>
            {
                var own = stats[i].Latencies.Order().ToArray();
                return (JsonNode)new JsonObject
                {
                    ["endpoint"] = endpoint.ToString(), ["calls"] = own.Length, ["errors"] = stats[i].Errors,
                    ["callsPerSecond"] = Math.Round(own.Length / elapsed.TotalSeconds, 1),
                    ["p50Ms"] = Percentile(own, 0.50), ["p99Ms"] = Percentile(own, 0.99),
                    ["firstError"] = stats[i].FirstError,
                };
            })]),
        };
        var json = report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(json);
        if (Value("--json") is { } path)
            await File.WriteAllTextAsync(path, json).ConfigureAwait(false);
        foreach (var client in sdk)
            client.Dispose();
        return 0;
    }

    private sealed class NodeStats
    {
        public List<double> Latencies { get; } = [];
        /// <summary>End timestamps of calls that failed or took over a second.</summary>
        public List<long> Bad { get; } = [];
        public int Errors;
        public string? FirstError;
    }

    private static async Task Loop(AmazonKeyManagementServiceClient kms, NodeStats stats, List<string> keys, Random random, CancellationToken stop)
    {
        var plaintext = new byte[64];
        byte[]? ciphertext = null;
        while (!stop.IsCancellationRequested)
        {
            var keyId = keys[random.Next(keys.Count)];
            var started = Stopwatch.GetTimestamp();
            try
            {
                switch (random.Next(10))
                {
                    case < 4:
                        ciphertext = (await kms.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = new MemoryStream(plaintext) }).ConfigureAwait(false)).CiphertextBlob.ToArray();
                        break;
                    case < 7 when ciphertext is not null:
                        await kms.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(ciphertext) }).ConfigureAwait(false);
                        break;
                    case < 9:
                        await kms.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = keyId, KeySpec = DataKeySpec.AES_256 }).ConfigureAwait(false);
                        break;
                    default:
                        await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId }).ConfigureAwait(false);
                        break;
                }
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (stats)
                {
                    stats.Latencies.Add(ms);
                    if (ms > 1000)
                        stats.Bad.Add(Stopwatch.GetTimestamp());
                }
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException or TaskCanceledException)
            {
                lock (stats)
                {
                    stats.Errors++;
                    stats.Bad.Add(Stopwatch.GetTimestamp());
                    stats.FirstError ??= e.Message;
                }
                // A client backs off after an error (as the SDKs' retries do) rather than spinning on fast refusals.
                if (!stop.IsCancellationRequested)
                    await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static double? Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? null : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))], 2);

    /// <summary>Rows inserted into the journal database's tables so far (PostgreSQL's statistics, flushed within a second).</summary>
    private static async Task<long> RowsWritten(string connectionString)
    {
        await Task.Delay(1000).ConfigureAwait(false);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand("select coalesce(sum(n_tup_ins), 0)::bigint from pg_stat_user_tables", connection);
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    private static AmazonKeyManagementServiceClient Client(Uri endpoint) =>
        new(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonKeyManagementServiceConfig
        {
            ServiceURL = endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0,
        });
}
