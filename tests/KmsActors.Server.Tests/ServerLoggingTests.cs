using System.Text;
using KmsActors.Server.Dispatch;
using KmsActors.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KmsActors.Server.Tests;

/// <summary>The server is quiet by default wherever it is started (no appsettings.json needed); --verbose logs every request.</summary>
public sealed class ServerLoggingTests
{
    private static readonly string[] Quick = ["--port", "0", "--in-memory", "--kms.import.pool.RSA_2048=0", "--kms.import.pool.RSA_3072=0", "--kms.import.pool.RSA_4096=0", "--kms.import.pool.SM2=0"];

    [Fact]
    public async Task by_default_the_server_writes_one_line_at_start_and_nothing_per_request()
    {
        var logs = await LogsOfOneCall(Quick);

        var below = logs.Where(e => e.Level < LogLevel.Warning).ToList();
        var start = Assert.Single(below);
        Assert.Equal(KmsServer.StartLogCategory, start.Category);
        Assert.StartsWith("KmsActors server listening on http://127.0.0.1:", start.Message);
        Assert.Contains("(inmem journal), signatures not checked; --verbose logs every request.", start.Message);
    }

    [Fact]
    public async Task verbose_logs_each_request()
    {
        var logs = await LogsOfOneCall([.. Quick, "--verbose"]);

        Assert.Contains(logs, e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.Level == LogLevel.Information
                                   && e.Message.StartsWith("Request finished HTTP/1.1 POST", StringComparison.Ordinal));
        Assert.Contains(logs, e => e.Category == KmsServer.StartLogCategory && e.Message.EndsWith(", logging every request.", StringComparison.Ordinal));
    }

    /// <summary>Starts the server with <paramref name="args"/> (a fake engine), sends one ListKeys, stops it: what was logged.</summary>
    private static async Task<List<CapturedLogs.Entry>> LogsOfOneCall(string[] args)
    {
        var logs = new CapturedLogs();
        var app = KmsServer.Create(args, services =>
        {
            services.AddSingleton<IKmsRequestHandler>(new FakeKmsHandler());
            services.AddSingleton<ILoggerProvider>(logs);
        });
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = app.Address() };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.1") };
            request.Headers.TryAddWithoutValidation("X-Amz-Target", "TrentService.ListKeys");
            using var response = await http.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        return [.. logs.Entries];
    }
}
