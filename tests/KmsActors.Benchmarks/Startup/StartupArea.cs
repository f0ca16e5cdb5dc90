using System.Runtime.CompilerServices;
using KmsActors.Benchmarks.Quick;

namespace KmsActors.Benchmarks.Startup;

/// <summary>
/// Quick mode area "startup" (issue #16): the built server (the Release build's KmsActors.Server apphost, a process of
/// its own, as an installed tool runs it: not <c>dotnet run</c>) started cold, timed from process start to the first
/// <c>GET /health</c> 200 (<c>startup.health.ms</c>) and to the answer of a first CreateKey sent right after
/// (<c>startup.first-call.ms</c>); the median of <see cref="Runs"/> starts on a fresh data dir, and as many on a copy
/// of a data dir holding 10,000 keys (<c>startup.10k-keys.*</c>), made once per run of the benchmark in its temporary
/// directory by the engine in-process. <c>-- startup --quick</c>; KMS_BENCH_STARTS sets the number of starts (default 5).
/// </summary>
public sealed class StartupArea : IQuickArea
{
    public string Name => "startup";

    private static readonly int Runs = int.TryParse(Environment.GetEnvironmentVariable("KMS_BENCH_STARTS"), out var runs) && runs > 0 ? runs : 5;

    public const int StoredKeys = 10_000;

    public async IAsyncEnumerable<Measurement> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var server = ServerProcess.Find();
        System.Console.Error.WriteLine($"startup: {server.Describe()}, {Runs} cold starts each (load average {LoadAverage()})");
        var work = Directory.CreateTempSubdirectory("kms-startup-bench-").FullName;
        try
        {
            var fresh = await Measure(server, () => Directory.CreateDirectory(Path.Combine(work, $"fresh-{Guid.NewGuid():N}")).FullName, cancellationToken);
            yield return new Measurement("startup.health.ms", fresh.Health, "ms");
            yield return new Measurement("startup.first-call.ms", fresh.FirstCall, "ms");

            var stored = Path.Combine(work, "stored-10k");
            var made = await StoredKeysDataDir.Create(stored, StoredKeys);
            System.Console.Error.WriteLine($"startup: {StoredKeys:N0} keys written to {stored} in {made.TotalSeconds:F1} s");
            var full = await Measure(server, () => StoredKeysDataDir.CopyOf(stored, Path.Combine(work, $"copy-{Guid.NewGuid():N}")), cancellationToken);
            yield return new Measurement("startup.10k-keys.health.ms", full.Health, "ms");
            yield return new Measurement("startup.10k-keys.first-call.ms", full.FirstCall, "ms");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(double Health, double FirstCall)> Measure(ServerProcess server, Func<string> dataDir, CancellationToken cancellationToken)
    {
        var health = new List<double>();
        var firstCall = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var start = await server.StartAsync(dataDir(), cancellationToken);
            health.Add(start.Health.TotalMilliseconds);
            firstCall.Add(start.FirstCall.TotalMilliseconds);
        }
        System.Console.Error.WriteLine($"startup: health {string.Join(", ", health.Select(h => h.ToString("F0")))} ms; "
                                + $"first call {string.Join(", ", firstCall.Select(h => h.ToString("F0")))} ms");
        return (Median(health), Median(firstCall));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
