using KmsActors.Kms.Model;

namespace KmsActors.Console.Infrastructure;

/// <summary>Aliases as the console reads them: every page of ListAliases (of the region, or of one key), as the console
/// principal.</summary>
public static class ConsoleAliases
{
    /// <summary>The alias names (alias/…) of the region by target key ID; AWS managed aliases (no target) are left out.</summary>
    public static async Task<ILookup<string, string>> ByKeyAsync(ConsoleContext console, CancellationToken ct) =>
        (await ListAsync(console, null, ct))
            .Where(a => a.TargetKeyId is not null)
            .ToLookup(a => a.TargetKeyId!, a => a.AliasName!, StringComparer.Ordinal);

    public static async Task<IReadOnlyList<AliasListEntry>> ListAsync(ConsoleContext console, string? keyId, CancellationToken ct)
    {
        var aliases = new List<AliasListEntry>();
        string? marker = null;
        do
        {
            var page = await console.Kms.ListAliases(new ListAliasesRequest { KeyId = keyId, Marker = marker }, console.Caller, console.Region, ct);
            aliases.AddRange(page.Aliases ?? []);
            marker = page.Truncated == true ? page.NextMarker : null;
        }
        while (marker is not null);
        return aliases;
    }

    /// <summary>"alias/" in front of a name typed without it, as the console's alias field takes it.</summary>
    public static string Qualified(string name) => name.StartsWith("alias/", StringComparison.Ordinal) ? name : "alias/" + name;
}
