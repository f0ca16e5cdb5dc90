using Akka.Actor;
using KmsActors.Console;
using KmsActors.Hosting;
using KmsActors.Kms.Configuration;
using KmsActors.Server.Dispatch;
using KmsActors.Server.Signing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KmsActors.Server;

/// <summary>
/// Builds the KMS server: AWS JSON 1.1 on <c>POST /</c>, <c>GET /health</c> and the web console at <c>/console</c> (unless --no-console) on http://127.0.0.1:&lt;port&gt;, the
/// engine hosted by AddKmsActors. Program.cs runs it; tests start it in-process (<c>--port 0</c> picks a free port).
/// </summary>
public static class KmsServer
{
    /// <param name="args">Server switches (see <see cref="ServerOptions"/>).</param>
    /// <param name="configureServices">Registrations applied before the defaults, e.g. a fake <see cref="IKmsRequestHandler"/>.</param>
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var options = ServerOptions.Parse(args);
        var builder = WebApplication.CreateSlimBuilder();
        ConfigureLogging(builder.Logging, options.Verbose);
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = KmsEndpoint.MaxRequestBodyBytes);
        builder.Services.AddKmsActors(builder.Configuration, kms =>
        {
            kms.ConfigFile = options.ConfigFile ?? kms.ConfigFile;
            foreach (var change in options.Switches)
                kms.Switches.Add(change);
        });

        configureServices?.Invoke(builder.Services);
        // kms.server.* is read from the actor system's configuration, the one AddKmsActors assembled.
        builder.Services.TryAddSingleton(services => KmsServerSettings.From(services.GetRequiredService<ActorSystem>().Settings.Config));
        builder.Services.TryAddSingleton<RequestAuthenticator>();
        builder.Services.TryAddSingleton<IKmsRequestHandler>(s => new MeasuredKmsRequestHandler(new KmsEngineRequestHandler(s.GetRequiredService<ActorSystem>()), s.GetRequiredService<KmsActors.Hosting.Metrics.KmsMetrics>()));
        builder.Services.TryAddSingleton<KmsEndpoint>();
        if (!options.NoConsole)
            builder.Services.AddKmsConsole();

        var app = builder.Build();
        KmsEndpoint? endpoint = null;
        // Start the engine (and its wrapping-key pool) as soon as the host is up, not on the first call.
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            endpoint = app.Services.GetRequiredService<KmsEndpoint>();
            LogStarted(app, options.Verbose);
        });
        app.MapPost("/", context => (endpoint ??= context.RequestServices.GetRequiredService<KmsEndpoint>()).HandleAsync(context));
        // Ready once the actor system is up (the host starts it before it serves); in cluster mode once joined (ServerHealth).
        app.MapGet("/health", (ActorSystem system, CancellationToken ct) => ServerHealth.Answer(system, ct));
        app.MapGet("/cluster/shards", (ActorSystem system, CancellationToken ct) => ServerHealth.Shards(system, ct));
        if (!options.NoConsole)
        {
            app.UseKmsConsole(); // the console's middleware for /console only, not for POST /
            app.MapKmsConsole();
        }
        return app;
    }

    /// <summary>The category of the one line the server writes when it has started.</summary>
    public const string StartLogCategory = "KmsActors.Server.KmsServer";

    /// <summary>ASP.NET Core's per-request log category ("Request starting …", "Request finished …").</summary>
    public const string RequestDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Quiet wherever the server is started: one line at start, then warnings and errors. ASP.NET Core's defaults log
    /// six Information lines per request, and appsettings.json (which could lower them) is read from the working
    /// directory, so it is missed when the server is started from anywhere but its project folder; these defaults are
    /// therefore set in code, below any level the host's configuration (Logging:LogLevel) sets. --verbose logs at
    /// Information everywhere, every request included, whatever the configuration says.
    /// </summary>
    private static void ConfigureLogging(ILoggingBuilder logging, bool verbose) =>
        logging.Services.Configure<LoggerFilterOptions>(filters =>
        {
            if (verbose)
            {
                filters.Rules.Clear();
                filters.MinLevel = LogLevel.Information;
                return;
            }
            filters.MinLevel = LogLevel.Warning;
            // First, so that a rule of the configuration for the same category comes later and wins.
            filters.Rules.Insert(0, new LoggerFilterRule(null, StartLogCategory, LogLevel.Information, null));
            // Hosting's request diagnostics write only Information and Debug lines, yet while their logger is enabled at
            // any level ASP.NET Core starts an Activity and a logging scope for every request: off unless --verbose.
            filters.Rules.Insert(1, new LoggerFilterRule(null, RequestDiagnosticsCategory, LogLevel.None, null));
        });

    private static void LogStarted(WebApplication app, bool verbose)
    {
        var kms = app.Services.GetRequiredService<KmsSettings>();
        var server = app.Services.GetRequiredService<KmsServerSettings>();
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(StartLogCategory).LogInformation(
            "KmsActors server listening on {Address}: state in {DataDir} ({Journal} journal), signatures {Signatures}{Verbose}",
            app.Address(), kms.DataDir, kms.JournalProvider, server.VerifySignatures ? "checked" : "not checked",
            verbose ? ", logging every request." : "; --verbose logs every request.");
    }

    /// <summary>The address a started server listens on (the actual port when started with --port 0).</summary>
    public static Uri Address(this WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
