using System.Diagnostics;
using System.Text;
using KmsActors.CrashHarness;

namespace KmsActors.Kms.Tests.Persistence.Crash;

/// <summary>One run of tests/KmsActors.CrashHarness (built next to the tests) on a data directory: started, killed
/// with SIGKILL, and its stdout read to the end, so every line it wrote before dying is seen.</summary>
public sealed class HarnessProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _stdoutDone;
    private readonly Task _stderrDone;

    private HarnessProcess(Process process)
    {
        _process = process;
        _stdoutDone = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (_lines)
                    _lines.Add(line);
                if (line.StartsWith(AckLine.Ready + "\t", StringComparison.Ordinal))
                    _ready.TrySetResult();
            }
        });
        _stderrDone = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_stderr)
                    _stderr.AppendLine(line);
            }
        });
    }

    public static HarnessProcess Start(string dataDir, int seed)
    {
        var harness = Path.Combine(AppContext.BaseDirectory, "KmsActors.CrashHarness.dll");
        // The SDK tells child processes which dotnet runs them; outside it, the one on PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { harness, "--data-dir", dataDir, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        return new HarnessProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    public Task Ready => _ready.Task;

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL (on Linux, Process.Kill sends SIGKILL), then everything the process wrote.</summary>
    public async Task<IReadOnlyList<string>> Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(_stdoutDone, _stderrDone).WaitAsync(timeout.Token);
        lock (_lines)
            return [.. _lines];
    }

    public string Diagnostics()
    {
        lock (_stderr)
        lock (_lines)
            return $"stdout (last lines):\n{string.Join('\n', _lines.TakeLast(20))}\nstderr:\n{_stderr}";
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
