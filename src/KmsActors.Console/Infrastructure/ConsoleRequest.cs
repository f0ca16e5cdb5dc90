using Microsoft.AspNetCore.Http;

namespace KmsActors.Console.Infrastructure;

/// <summary>
/// The console request a scoped service belongs to, set by the console's branch of the pipeline
/// (<see cref="ConsoleServiceExtensions.UseKmsConsole"/>) for requests under /console only. It stands in for
/// IHttpContextAccessor, whose registration makes ASP.NET Core set an AsyncLocal on every request the server takes,
/// the KMS API's included (docs/console.md, "What the console costs the API").
/// </summary>
public sealed class ConsoleRequest
{
    public HttpContext? HttpContext { get; set; }
}
