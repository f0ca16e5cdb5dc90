using System.Diagnostics;
using System.Globalization;

namespace KmsActors.Benchmarks.Http;

/// <summary>
/// Runs wrk (the Debian package's, 4.1) with a Lua script and reads the figures its <c>done</c> hook prints. Both
/// endpoints of the http area are driven by the same wrk, the same script and the same settings.
/// </summary>
public static class Wrk
{
    public const string Executable = "wrk";
    public const string InstallHint = "apt-get install -y wrk";

    /// <summary>16 connections on 2 wrk threads, as issue #14 measures.</summary>
    public const int Connections = 16;
    public const int Threads = 2;

    /// <summary>The line the script's <c>done</c> hook writes: requests, duration (µs), p50 and p99 latency (µs), errors.</summary>
    private const string Marker = "KMSBENCH";

    /// <summary>Appended to every script: wrk calls it once after the run with its summary and latency distribution.</summary>
    public const string DoneHook = """

        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("KMSBENCH %d %d %d %d %d\n", summary.requests, summary.duration,
            latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
        end
        """;

    /// <summary>The path of wrk, or null when it is not installed.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, Executable))
            .FirstOrDefault(File.Exists);

    /// <summary>One wrk run of <paramref name="duration"/> against <paramref name="url"/>.</summary>
    public static async Task<WrkResult> Run(string wrk, Uri url, string scriptPath, TimeSpan duration, CancellationToken ct)
    {
        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "-t", Threads.ToString(CultureInfo.InvariantCulture), "-c", Connections.ToString(CultureInfo.InvariantCulture),
                     "-d", $"{Math.Max(1, (int)duration.TotalSeconds)}s", "--timeout", "10s", "-s", scriptPath, url.ToString(),
                 })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = await stdout;
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker + " ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
            throw new InvalidOperationException($"wrk failed (exit {process.ExitCode}): {output}{await stderr}");
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new WrkResult(f[0], TimeSpan.FromMicroseconds(f[1]), f[2] / 1000.0, f[3] / 1000.0, f[4]);
    }
}
