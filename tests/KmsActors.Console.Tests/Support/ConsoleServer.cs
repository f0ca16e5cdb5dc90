using Amazon.KeyManagementService;
using Amazon.Runtime;
using KmsActors.Server;
using Microsoft.AspNetCore.Builder;

namespace KmsActors.Console.Tests.Support;

/// <summary>The real server (API and console in one process, in-memory journal) on a free loopback port, with an AWS
/// SDK client for the same engine: what a page shows can be checked against what the API answers, and back.</summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConsoleServer(WebApplication app)
    {
        _app = app;
        Address = app.Address();
        Kms = new AmazonKeyManagementServiceClient(new BasicAWSCredentials("AKIDCONSOLETEST", "secret"),
            new AmazonKeyManagementServiceConfig { ServiceURL = Address.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
    }

    /// <summary>http://127.0.0.1:port/ (the console is under /console).</summary>
    public Uri Address { get; }

    public IAmazonKeyManagementService Kms { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ConsoleServer> StartAsync(params string[] extraArgs)
    {
        var app = KmsServer.Create(["--port", "0", "--in-memory", "--kms.import.pool.RSA_2048=2", "--kms.import.pool.RSA_3072=0",
            "--kms.import.pool.RSA_4096=0", "--kms.import.pool.SM2=0",
            // The live pages' tests make records and measurements through the SDK before they open a page.
            "--kms.console.follow-from=start", .. extraArgs]);
        await app.StartAsync();
        return new ConsoleServer(app);
    }

    /// <summary>An absolute console address, e.g. <c>Url("/console/keys?region=eu-west-1")</c>.</summary>
    public string Url(string pathAndQuery) => new Uri(Address, pathAndQuery).ToString();

    public async ValueTask DisposeAsync()
    {
        Kms.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
