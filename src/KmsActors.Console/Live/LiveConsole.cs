using KmsActors.Hosting.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KmsActors.Console.Live;

/// <summary>
/// The console's live parts (docs/console.md): the audit history and its server-sent event stream, and the per-operation
/// request figures of the Metrics page. Both start with the host, so the pages show what happened before they were
/// first opened.
/// </summary>
public sealed class LiveConsole(AuditHistory audit, OperationMetrics metrics) : IHostedService
{
    public static IServiceCollection AddServices(IServiceCollection services)
    {
        services.AddSingleton<AuditHistory>();
        services.AddSingleton(s => new OperationMetrics(s.GetRequiredService<KmsMetrics>(), TimeProvider.System));
        services.AddHostedService<LiveConsole>();
        return services;
    }

    public static IEndpointRouteBuilder MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(AuditStreamEndpoint.Path, AuditStreamEndpoint.Handle);
        return endpoints;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here so the meter listener is on from the start.
        _ = metrics;
        audit.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => audit.StopAsync();
}
