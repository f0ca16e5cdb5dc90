using System.Net.Http.Headers;
using System.Text;
using KmsActors.Server.Dispatch;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace KmsActors.Server.Tests.Support;

/// <summary>The real server on a free loopback port, in memory, with a fake handler or the real engine.</summary>
public sealed class KmsTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _configFile;

    private KmsTestServer(WebApplication app, FakeKmsHandler? fake, string? configFile)
    {
        _app = app;
        Fake = fake;
        _configFile = configFile;
        Address = app.Address();
        Http = new HttpClient { BaseAddress = Address };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>The host's services (the actor system, e.g. to drive a TestScheduler).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The fake handler, or null when the real engine answers.</summary>
    public FakeKmsHandler? Fake { get; }

    /// <param name="fake">True: a <see cref="FakeKmsHandler"/> answers; false: the real engine (in-memory journal).</param>
    /// <param name="hocon">The host's .conf text (e.g. kms.server settings).</param>
    public static async Task<KmsTestServer> StartAsync(bool fake = true, string? hocon = null)
    {
        string? configFile = null;
        var args = new List<string> { "--port", "0", "--in-memory", "--kms.import.pool.RSA_2048=2", "--kms.import.pool.RSA_3072=0", "--kms.import.pool.RSA_4096=0", "--kms.import.pool.SM2=0" };
        if (hocon is not null)
        {
            configFile = Path.Combine(Path.GetTempPath(), $"kms-server-test-{Guid.NewGuid():N}.conf");
            await File.WriteAllTextAsync(configFile, hocon);
            args.AddRange(["--config", configFile]);
        }
        var handler = fake ? new FakeKmsHandler() : null;
        var app = KmsServer.Create([.. args], services =>
        {
            if (handler is not null)
                services.AddSingleton<IKmsRequestHandler>(handler);
        });
        await app.StartAsync();
        return new KmsTestServer(app, handler, configFile);
    }

    /// <summary>POST / with X-Amz-Target: TrentService.<paramref name="operation"/> and the given JSON body.</summary>
    public Task<HttpResponseMessage> PostAsync(string? operation, string body, Action<HttpRequestMessage>? adjust = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        if (operation is not null)
            request.Headers.TryAddWithoutValidation("X-Amz-Target", "TrentService." + operation);
        adjust?.Invoke(request);
        return Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_configFile is not null)
            File.Delete(_configFile);
    }
}
