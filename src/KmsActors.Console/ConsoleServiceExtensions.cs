using Akka.Actor;
using KmsActors.Console.Infrastructure;
using Microsoft.AspNetCore.Authentication;
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
        // Not AddHttpContextAccessor: it would cost every request of the server, the KMS API's too (ConsoleRequest).
        services.AddScoped<ConsoleRequest>();
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

    /// <summary>
    /// The console's middleware, for requests under /console only: what a console page needs (its request, ASP.NET
    /// Core's authorization and antiforgery middleware) stays off the server's other paths, the KMS API's
    /// <c>POST /</c> above all. Call it after building the application and before <see cref="MapKmsConsole"/>.
    /// </summary>
    /// <remarks>A WebApplication adds the authorization and antiforgery middleware for every request when their services
    /// are registered (Razor Pages registers both) unless the application already uses them; the two properties below are
    /// how UseAuthorization and UseAntiforgery tell it they were used (ASP.NET Core's own keys: were they renamed, the
    /// automatic middleware would come back, costing time, not behaviour, and ConsolePipelineTests fails).</remarks>
    public static IApplicationBuilder UseKmsConsole(this IApplicationBuilder app)
    {
        app.Properties["__AuthorizationMiddlewareSet"] = true;
        app.Properties["__AntiforgeryMiddlewareSet"] = true;
        var authentication = app.ApplicationServices.GetService<IAuthenticationSchemeProvider>() is not null;
        if (authentication)
            app.Properties["__AuthenticationMiddlewareSet"] = true;
        return app.UseWhen(context => context.Request.Path.StartsWithSegments(PathBase), console =>
        {
            console.Use((context, next) =>
            {
                context.RequestServices.GetRequiredService<ConsoleRequest>().HttpContext = context;
                return next(context);
            });
            if (authentication)
                console.UseAuthentication();
            console.UseAuthorization();
            console.UseAntiforgery();
        });
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
