using Akka.Actor;
using KmsActors.Console.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KmsActors.Console;

/// <summary>
/// Adds the web console (docs/console.md) to a host that runs the engine (AddKmsActors): Razor Pages under /console,
/// rendered on the server, calling the engine in-process through IKmsClient as the console principal (kms.console).
/// </summary>
public static class ConsoleServiceExtensions
{
    public const string PathBase = "/console";

    public static IServiceCollection AddKmsConsole(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(s => ConsoleSettings.From(s.GetRequiredService<ActorSystem>().Settings.Config));
        services.AddScoped<ConsoleContext>();
        Live.LiveConsole.AddServices(services);
        // Forms carry antiforgery tokens; their keys live in memory (a restart only asks to reload a form), so nothing is
        // written to the user's profile and no "unencrypted key" warning is logged.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddRazorPages()
            .ConfigureApplicationPartManager(parts =>
            {
                // The host may not reference this assembly as an MVC application part (e.g. a slim builder): add it once.
                var assembly = typeof(ConsoleServiceExtensions).Assembly;
                // Its factory gives both the page models' part and the compiled views' part.
                if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
                    foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                        parts.ApplicationParts.Add(part);
            });
        return services;
    }

    public static IEndpointRouteBuilder MapKmsConsole(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PathBase + "/assets/{name}", (string name, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return EmbeddedAssets.Serve(name);
        });
        Live.LiveConsole.MapEndpoints(endpoints);
        endpoints.MapRazorPages();
        return endpoints;
    }
}
