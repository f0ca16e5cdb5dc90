using Akka.Actor;
using KmsActors.Hosting.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KmsActors.Console.Live;

/// <summary>
/// The console's live parts (docs/console.md): the audit history and its server-sent event stream, and the per-operation
/// request figures of the Metrics page. Following the trail and the meter costs every call a little, so by default
/// they start at the first console request (kms.console.follow-from = "first-visit"); "start" starts them with the host.
/// </summary>
public sealed class LiveConsole(IServiceProvider services, ActorSystem system) : IHostedService
{
    public const string FollowFromSetting = "kms.console.follow-from";

    private int _started;

    public static IServiceCollection AddServices(IServiceCollection services)
    {
        services.AddSingleton<AuditHistory>();
        services.AddSingleton(s => new OperationMetrics(s.GetRequiredService<KmsMetrics>(), TimeProvider.System));
        services.AddSingleton<LiveConsole>();
        services.AddHostedService(s => s.GetRequiredService<LiveConsole>());
        return services;
    }

    public static IEndpointRouteBuilder MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(AuditStreamEndpoint.Path, AuditStreamEndpoint.Handle);
        return endpoints;
    }

    /// <summary>Starts following the audit trail and the meter, once; every console request calls it (ConsoleContext).</summary>
    public void EnsureStarted()
    {
        if (Volatile.Read(ref _started) != 0 || Interlocked.Exchange(ref _started, 1) != 0)
            return;
        // Resolving OperationMetrics turns its meter listener on.
        services.GetRequiredService<OperationMetrics>();
        services.GetRequiredService<AuditHistory>().Start();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var from = system.Settings.Config.GetString(FollowFromSetting, "first-visit");
        if (from == "start")
            EnsureStarted();
        else if (from != "first-visit")
            throw new ArgumentException($"{FollowFromSetting} is \"start\" or \"first-visit\", not \"{from}\".");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _started) != 0 ? services.GetRequiredService<AuditHistory>().StopAsync() : Task.CompletedTask;
}
