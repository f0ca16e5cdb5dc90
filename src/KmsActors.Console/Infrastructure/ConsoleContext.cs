using KmsActors.Hosting;
using KmsActors.Kms.Engine;
using Microsoft.AspNetCore.Http;

namespace KmsActors.Console.Infrastructure;

/// <summary>
/// What a console page needs for one request: the engine's client, the console principal and the region chosen with the
/// selector. As in the AWS console the region travels in the address (<c>?region=eu-west-1</c>), so links and
/// bookmarks keep it; without one the default region applies.
/// </summary>
public sealed class ConsoleContext
{
    private readonly ConsoleRequest _request;

    public ConsoleContext(IKmsClient kms, ConsoleSettings settings, ConsoleRequest request, Live.LiveConsole live)
    {
        Kms = kms;
        Settings = settings;
        _request = request;
        // The console's first request starts its live parts (kms.console.follow-from).
        live.EnsureStarted();
    }

    public IKmsClient Kms { get; }

    public ConsoleSettings Settings { get; }

    public CallerIdentity Caller => Settings.Principal;

    public string Region
    {
        get
        {
            var asked = _request.HttpContext?.Request.Query["region"].ToString();
            return !string.IsNullOrEmpty(asked) && RegionNames.IsPlausible(asked) ? asked : Settings.DefaultRegion;
        }
    }

    /// <summary>A console address in the current region, e.g. <c>Link("/console/keys/abc")</c>.</summary>
    public string Link(string path, string? region = null)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{path}{separator}region={Uri.EscapeDataString(region ?? Region)}";
    }
}
