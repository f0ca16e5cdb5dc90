using Akka.Actor;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Engine;
using KmsActors.Server;
using KmsActors.Server.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KmsActors.Benchmarks.Http;

/// <summary>
/// http.encrypt.server: the real server as the README starts it (<c>dotnet run --project src/KmsActors.Server</c> from
/// the repository root): <see cref="KmsServer.Create"/> with no switches, in a working directory without
/// appsettings.json (the repository root has none), so state goes to ./kms-data on the SQLite journal, signatures are
/// not checked, and logging is whatever the server does by default. Only the port differs (a free one, not 4599, so
/// a server already running is not disturbed), and the working directory is a fresh temporary one, removed afterwards.
/// </summary>
public sealed class ReadmeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly string _previousDirectory;

    private ReadmeServer(WebApplication app, string directory, string previousDirectory)
    {
        _app = app;
        _directory = directory;
        _previousDirectory = previousDirectory;
        Address = app.Address();
    }

    public Uri Address { get; }

    /// <summary>The server's services (its authenticator and actor system, for <see cref="EndpointMeasurements"/>).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>What the benchmark checked about the server it measures, in one line.</summary>
    public string Setup
    {
        get
        {
            var kms = _app.Services.GetRequiredService<KmsSettings>();
            var server = _app.Services.GetRequiredService<KmsServerSettings>();
            var loggers = _app.Services.GetRequiredService<ILoggerFactory>();
            var requestLogs = loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information);
            return $"journal={kms.JournalProvider} data-dir={Path.GetFullPath(kms.DataDir)} verify-signatures={(server.VerifySignatures ? "on" : "off")} "
                   + $"request-logging={(requestLogs ? "on" : "off")} appsettings.json={(File.Exists("appsettings.json") ? "found" : "absent")} "
                   + $"server-gc={System.Runtime.GCSettings.IsServerGC}";
        }
    }

    /// <summary>True when the server runs with the README's defaults (the checks <see cref="Setup"/> lists).</summary>
    public bool IsAsReadme
    {
        get
        {
            var kms = _app.Services.GetRequiredService<KmsSettings>();
            return kms.JournalProvider == "sqlite"
                   && Path.GetFullPath(kms.DataDir) == Path.Combine(_directory, "kms-data")
                   && !_app.Services.GetRequiredService<KmsServerSettings>().VerifySignatures
                   && !File.Exists(Path.Combine(_directory, "appsettings.json"));
        }
    }

    public static async Task<ReadmeServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("kms-http-bench-").FullName;
        var previous = Environment.CurrentDirectory;
        // Program.cs: KmsServer.Create(args).Run(), relative paths against the directory it was started in.
        Environment.CurrentDirectory = directory;
        // `-- http --quick --no-console`: the same server without the web console (docs/console.md), to see what the
        // console's audit follower and meter listener cost the Encrypt path.
        var app = KmsServer.Create(Environment.GetCommandLineArgs().Contains("--no-console") ? ["--port", "0", "--no-console"] : ["--port", "0"]);
        await app.StartAsync();
        // The server fills its wrapping-key pool (kms.import.pool: 8 + 4 + 2 RSA pairs and 4 SM2) in the background after
        // it starts: many CPU-seconds of RSA key generation, a one-off that is not the Encrypt path being measured.
        await KmsEngine.Start(app.Services.GetRequiredService<ActorSystem>()).RefillPool();
        return new ReadmeServer(app, directory, previous);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Environment.CurrentDirectory = _previousDirectory;
        Directory.Delete(_directory, recursive: true);
    }
}
