using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KmsActors.Benchmarks.Kms;
using KmsActors.Benchmarks.Quick;
using KmsActors.Server.Dispatch;

namespace KmsActors.Benchmarks.Http;

/// <summary>
/// Quick mode area "http" (issue #14): Encrypt over HTTP through the server as the README starts it, against a bare
/// Kestrel endpoint that reads the same request and answers a fixed body, both driven by wrk (16 connections, 2
/// threads, the same Lua script shape: the AWS CLI's signed Encrypt request) in alternation within one run.
/// <c>-- http --quick</c> (<c>-- http endpoint --quick</c>: only the in-memory http.endpoint figures; <c>--no-console</c>:
/// the server without the web console); KMS_BENCH_SECONDS sets each wrk run's length (default 5 s), KMS_BENCH_ROUNDS the number of
/// server/bare pairs (default 3).
/// </summary>
public sealed class HttpArea : IQuickArea
{
    public string Name => "http";

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(Setting("KMS_BENCH_SECONDS", 5));
    private static readonly int Rounds = Setting("KMS_BENCH_ROUNDS", 3);

    /// <summary>Unmeasured run of each side first, for tiered JIT and the connection pools to settle.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public async IAsyncEnumerable<Measurement> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Wrk.Find() is not { } wrk)
        {
            System.Console.Error.WriteLine($"The http area drives the endpoints with wrk, which is not installed. Install it: {Wrk.InstallHint}");
            Environment.ExitCode = 2;
            yield break;
        }
        await using var server = await ReadmeServer.StartAsync();
        System.Console.Error.WriteLine($"http: server as the README starts it: {server.Setup}");
        if (!server.IsAsReadme)
            throw new InvalidOperationException($"The server does not run with the README's defaults: {server.Setup}");

        var plaintext = RandomNumberGenerator.GetBytes(EncryptMeasurements.PayloadBytes);
        var signedAt = DateTimeOffset.UtcNow;
        using var http = new HttpClient { BaseAddress = server.Address };
        var keyId = await CreateKey(http, new CliEncryptRequest(server.Address, "", plaintext, signedAt), cancellationToken);
        var serverRequest = new CliEncryptRequest(server.Address, keyId, plaintext, signedAt);
        var (answer, requestId) = await Encrypt(http, serverRequest, cancellationToken);

        var (endpointNs, endpointBytes) = await EndpointMeasurements.PerCall(server.Services, serverRequest,
            Server.Protocol.AwsJsonCodec.ReadRequest(typeof(KmsActors.Kms.Model.EncryptResponse), answer));
        yield return new Measurement("http.endpoint.ns-per-call", endpointNs, "ns/call");
        yield return new Measurement("http.endpoint.bytes-per-call", endpointBytes, "B/call");
        if (Environment.GetCommandLineArgs().Contains("endpoint", StringComparer.OrdinalIgnoreCase))
            yield break;

        await using var bare = await BareEndpoint.StartAsync(answer, requestId);
        var bareRequest = new CliEncryptRequest(bare.Address, keyId, plaintext, signedAt);
        var scripts = Directory.CreateTempSubdirectory("kms-http-wrk-").FullName;
        try
        {
            var serverScript = Path.Combine(scripts, "encrypt-server.lua");
            var bareScript = Path.Combine(scripts, "encrypt-bare.lua");
            await File.WriteAllTextAsync(serverScript, serverRequest.WrkScript(), cancellationToken);
            await File.WriteAllTextAsync(bareScript, bareRequest.WrkScript(), cancellationToken);

            await Wrk.Run(wrk, server.Address, serverScript, WarmUp, cancellationToken);
            await Wrk.Run(wrk, bare.Address, bareScript, WarmUp, cancellationToken);
            var serverRuns = new List<(WrkResult Run, TimeSpan Cpu, long Bytes)>();
            var bareRuns = new List<(WrkResult Run, TimeSpan Cpu, long Bytes)>();
            for (var round = 0; round < Rounds; round++)
            {
                // ABBA order, so a drift in the machine's load does not favour one side.
                var serverFirst = round % 2 == 0;
                foreach (var isServer in serverFirst ? new[] { true, false } : [false, true])
                {
                    var run = await Measure(wrk, isServer ? server.Address : bare.Address, isServer ? serverScript : bareScript, cancellationToken);
                    if (run.Run.Errors > 0)
                        throw new InvalidOperationException($"wrk counted {run.Run.Errors} failed requests against the {(isServer ? "server" : "bare endpoint")}.");
                    (isServer ? serverRuns : bareRuns).Add(run);
                }
            }
            var serverRate = Rate(serverRuns);
            var bareRate = Rate(bareRuns);
            yield return new Measurement("http.encrypt.server", serverRate, "req/s");
            yield return new Measurement("http.encrypt.bare", bareRate, "req/s");
            yield return new Measurement("http.encrypt.ratio", serverRate / bareRate, "x bare");
            yield return new Measurement("http.encrypt.server.p99", Median(serverRuns.Select(r => r.Run.P99Milliseconds)), "ms");
            yield return new Measurement("http.encrypt.bare.p99", Median(bareRuns.Select(r => r.Run.P99Milliseconds)), "ms");
            // The process's CPU per request (wrk's own excluded): what each side costs, nearly independent of the load.
            yield return new Measurement("http.encrypt.server.cpu-per-req", CpuPerRequest(serverRuns), "us/req");
            yield return new Measurement("http.encrypt.bare.cpu-per-req", CpuPerRequest(bareRuns), "us/req");
            yield return new Measurement("http.encrypt.cpu-ratio", CpuPerRequest(bareRuns) / CpuPerRequest(serverRuns), "x bare");
            // What the process allocated per request (both sides live in it): independent of the machine's load.
            yield return new Measurement("http.encrypt.server.bytes-per-req", BytesPerRequest(serverRuns), "B/req");
            yield return new Measurement("http.encrypt.bare.bytes-per-req", BytesPerRequest(bareRuns), "B/req");
        }
        finally
        {
            Directory.Delete(scripts, recursive: true);
        }
    }

    private static async Task<(WrkResult Run, TimeSpan Cpu, long Bytes)> Measure(string wrk, Uri address, string script, CancellationToken ct)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var run = await Wrk.Run(wrk, address, script, Window, ct);
        return (run, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, GC.GetTotalAllocatedBytes() - allocatedBefore);
    }

    private static double Rate(List<(WrkResult Run, TimeSpan Cpu, long Bytes)> runs) =>
        runs.Sum(r => r.Run.Requests) / runs.Sum(r => r.Run.Duration.TotalSeconds);

    private static double CpuPerRequest(List<(WrkResult Run, TimeSpan Cpu, long Bytes)> runs) =>
        runs.Sum(r => r.Cpu.TotalMicroseconds) / runs.Sum(r => r.Run.Requests);

    private static double BytesPerRequest(List<(WrkResult Run, TimeSpan Cpu, long Bytes)> runs) =>
        (double)runs.Sum(r => r.Bytes) / runs.Sum(r => r.Run.Requests);

    private static double Median(IEnumerable<double> values) => Throughput.Percentile(values.ToList(), 50);

    /// <summary>A symmetric key through the server (CreateKey with the CLI's headers); its KeyId.</summary>
    private static async Task<string> CreateKey(HttpClient http, CliEncryptRequest cli, CancellationToken ct)
    {
        using var request = Post(cli, "{}");
        request.Headers.Remove("X-Amz-Target");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "TrentService.CreateKey");
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"CreateKey answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
    }

    /// <summary>One Encrypt as wrk will send it: its answer's body and request ID (the bare endpoint's fixed answer).</summary>
    private static async Task<(byte[] Body, string RequestId)> Encrypt(HttpClient http, CliEncryptRequest cli, CancellationToken ct)
    {
        using var request = Post(cli, cli.Body);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Encrypt answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        return (body, response.Headers.GetValues(KmsEndpoint.RequestIdHeader).Single());
    }

    private static HttpRequestMessage Post(CliEncryptRequest cli, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        foreach (var (name, value) in cli.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            else
                request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}
