using System.Net;
using KmsActors.Console;
using KmsActors.Console.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KmsActors.Console.Tests;

/// <summary>
/// The console keeps its middleware off the KMS API's path (docs/console.md, "What the console costs the API").
/// UseKmsConsole tells the WebApplication that authorization and antiforgery are placed (under /console) through
/// ASP.NET Core's own property keys; nothing public does that. These tests fail on the day those keys change: the
/// WebApplication would then put both middlewares in front of every endpoint again, and each marks the request's Items.
/// </summary>
public sealed class ConsolePipelineTests
{
    [Fact]
    public async Task an_api_request_passes_through_no_authorization_or_antiforgery_middleware_and_a_console_request_does()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddRazorPages();
        builder.Services.AddAntiforgery();
        builder.Services.AddScoped<ConsoleRequest>();
        await using var app = builder.Build();
        app.UseKmsConsole();
        app.MapPost("/", (HttpContext context) => ItemsOf(context));
        app.MapGet(ConsoleServiceExtensions.PathBase + "/probe", (HttpContext context) =>
            ItemsOf(context) + "|" + (context.RequestServices.GetRequiredService<ConsoleRequest>().HttpContext == context));
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            var api = await http.PostAsync("/", new StringContent("{}"));
            var console = await http.GetAsync(ConsoleServiceExtensions.PathBase + "/probe");

            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            Assert.Equal("", await api.Content.ReadAsStringAsync());
            var consoleItems = (await console.Content.ReadAsStringAsync()).Split('|');
            Assert.Contains("Authorization", consoleItems[0]);
            Assert.Contains("Antiforgery", consoleItems[0]);
            Assert.Equal("True", consoleItems[1]);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static string ItemsOf(HttpContext context) =>
        string.Join(",", context.Items.Keys.Select(key => key?.ToString()).Order(StringComparer.Ordinal));
}
