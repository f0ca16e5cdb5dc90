using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KmsActors.Benchmarks.Startup;

/// <summary>
/// The Release build of KmsActors.Server, started as a process of its own: its apphost (or <c>dotnet KmsActors.Server.dll</c>
/// where there is none), from the server project's own output folder, so it runs with its own deps.json and
/// runtimeconfig.json as it would installed, not with the benchmark's.
/// </summary>
public sealed class ServerProcess
{
    private readonly string _program;
    private readonly string[] _prefix;

    private ServerProcess(string program, string[] prefix)
    {
        _program = program;
        _prefix = prefix;
    }

    /// <summary>The server built next to this benchmark (src/KmsActors.Server/bin/Release/net10.0), which
    /// <c>dotnet run -c Release --project tests/KmsActors.Benchmarks</c> builds first through its project reference.</summary>
    public static ServerProcess Find()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "KmsActors.sln")))
            root = root.Parent;
        var output = root is null ? null : Path.Combine(root.FullName, "src", "KmsActors.Server", "bin", "Release", "net10.0");
        if (output is null || !File.Exists(Path.Combine(output, "KmsActors.Server.dll")))
            throw new InvalidOperationException("The Release build of the server was not found: dotnet build src/KmsActors.Server -c Release");
        var apphost = Path.Combine(output, OperatingSystem.IsWindows() ? "KmsActors.Server.exe" : "KmsActors.Server");
        return File.Exists(apphost)
            ? new ServerProcess(apphost, [])
            : new ServerProcess("dotnet", [Path.Combine(output, "KmsActors.Server.dll")]);
    }

    public string Describe() => $"{string.Join(' ', [_program, .. _prefix])} --port <free> --data-dir <dir>";

    /// <summary>Starts the server on <paramref name="dataDir"/>, waits for /health 200, sends a CreateKey, stops it.</summary>
    public async Task<(TimeSpan Health, TimeSpan FirstCall)> StartAsync(string dataDir, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(_program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[.. _prefix, "--port", port.ToString(), "--data-dir", dataDir])
            start.ArgumentList.Add(arg);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{_program} did not start.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var health = await UntilHealthy(http, process, clock, output, cancellationToken);
            using var createKey = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", Encoding.UTF8) };
            createKey.Content.Headers.ContentType = new("application/x-amz-json-1.1");
            createKey.Headers.Add("X-Amz-Target", "TrentService.CreateKey");
            using var answer = await http.SendAsync(createKey, cancellationToken);
            var firstCall = clock.Elapsed;
            if (answer.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"The first CreateKey answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(cancellationToken)}");
            return (health, firstCall);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
        }
    }

    private static async Task<TimeSpan> UntilHealthy(HttpClient http, Process process, Stopwatch clock, StringBuilder output, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The server exited with {process.ExitCode} before /health answered: {output}");
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"/health did not answer 200 within 60 s: {output}");
            try
            {
                using var answer = await http.GetAsync("/health", cancellationToken);
                if (answer.StatusCode == HttpStatusCode.OK)
                    return clock.Elapsed;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
