using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace KmsActors.Console.Infrastructure;

/// <summary>The console's stylesheet and scripts, read once from this assembly's resources (nothing on disk, nothing
/// fetched): served at /console/assets/&lt;name&gt; with a long cache lifetime, the assembly's version in the query.</summary>
public static class EmbeddedAssets
{
    private const string Prefix = "KmsActors.Console.Assets.";

    private static readonly FrozenDictionary<string, (byte[] Bytes, string ContentType)> Assets = Load();

    public static string Version { get; } = typeof(EmbeddedAssets).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    public static IResult Serve(string name) =>
        Assets.TryGetValue(name, out var asset)
            ? Results.Bytes(asset.Bytes, asset.ContentType)
            : Results.NotFound();

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(EmbeddedAssets).Assembly;
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var name = resource[Prefix.Length..];
            assets[name] = (buffer.ToArray(), ContentTypeOf(name));
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
