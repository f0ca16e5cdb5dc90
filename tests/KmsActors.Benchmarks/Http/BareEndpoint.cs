using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KmsActors.Benchmarks.Http;

/// <summary>
/// http.encrypt.bare: Kestrel with the server's limits and routing (<c>POST /</c>) and no logging, that reads each
/// request's whole body and answers a fixed body (a real Encrypt answer of the server, captured once) with the
/// server's headers (Content-Type, Content-Length, x-amzn-RequestId). It does no KMS work: the ceiling the server's
/// HTTP path is measured against (issue #14).
/// </summary>
public sealed class BareEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareEndpoint(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <param name="body">The answer, sent for every request.</param>
    /// <param name="requestId">The x-amzn-RequestId of that answer.</param>
    public static async Task<BareEndpoint> StartAsync(byte[] body, string requestId)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = Server.Dispatch.KmsEndpoint.MaxRequestBodyBytes);
        var app = builder.Build();
        app.MapPost("/", async context =>
        {
            var reader = context.Request.BodyReader;
            while (true)
            {
                var read = await reader.ReadAsync(context.RequestAborted);
                if (read.IsCompleted || read.IsCanceled)
                {
                    reader.AdvanceTo(read.Buffer.End);
                    break;
                }
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
            var response = context.Response;
            response.Headers[Server.Dispatch.KmsEndpoint.RequestIdHeader] = requestId;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = Server.Protocol.AwsJsonCodec.ContentType;
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync();
        return new BareEndpoint(app, Server.KmsServer.Address(app));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
