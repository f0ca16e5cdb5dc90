using Akka.Actor;
using KmsActors.Console.Infrastructure;
using KmsActors.Console.Infrastructure.Material;
using KmsActors.Console.Live;
using KmsActors.Kms.Model;

namespace KmsActors.Console.Pages.Expiry;

/// <summary>
/// Key material expiry: the region's keys whose imported material expires (Origin EXTERNAL, ExpirationModel
/// KEY_MATERIAL_EXPIRES), soonest first, with SecondsUntilKeyMaterialExpiration — AWS's CloudWatch metric for such keys,
/// which the KmsActors meter also publishes (docs/byok.md). Computed here from DescribeKey's ValidTo and the engine's
/// "now" (its scheduler's clock, virtual in tests), so the page shows what an API caller sees; the countdown then runs
/// in the browser.
/// </summary>
public sealed class IndexModel(ConsoleContext console, ActorSystem system) : ConsolePageModel(console)
{
    public IReadOnlyList<ExpiringKey> Keys { get; private set; } = [];

    /// <summary>The engine's clock when the page was rendered.</summary>
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var keys = new List<KeyMetadata>();
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        await Try(async () =>
        {
            string? marker = null;
            do
            {
                var page = await Console.Kms.ListKeys(new ListKeysRequest { Marker = marker }, Console.Caller, Console.Region, ct);
                foreach (var entry in page.Keys ?? [])
                {
                    var metadata = (await Console.Kms.DescribeKey(new DescribeKeyRequest { KeyId = entry.KeyId }, Console.Caller, Console.Region, ct)).KeyMetadata;
                    if (metadata is { Origin: OriginType.EXTERNAL, ExpirationModel: ExpirationModelType.KEY_MATERIAL_EXPIRES, ValidTo: not null })
                        keys.Add(metadata);
                }
                marker = page.Truncated == true ? page.NextMarker : null;
            }
            while (marker is not null);
            if (keys.Count > 0)
                await ReadAliases(aliases, ct);
        });
        Now = EngineNow.Of(system);
        Keys = keys
            .Select(k => new ExpiringKey(k, aliases.GetValueOrDefault(k.KeyId!), Math.Max(0, (long)Math.Floor((k.ValidTo!.Value - Now).TotalSeconds))))
            .OrderBy(k => k.Metadata.ValidTo).ThenBy(k => k.Metadata.KeyId, StringComparer.Ordinal)
            .ToList();
    }

    private async Task ReadAliases(Dictionary<string, string> aliases, CancellationToken ct)
    {
        string? marker = null;
        do
        {
            var page = await Console.Kms.ListAliases(new ListAliasesRequest { Marker = marker }, Console.Caller, Console.Region, ct);
            foreach (var alias in page.Aliases ?? [])
                if (alias is { TargetKeyId: { } target, AliasName: { } name })
                    aliases.TryAdd(target, name);
            marker = page.Truncated == true ? page.NextMarker : null;
        }
        while (marker is not null);
    }

    /// <summary>A key whose material expires, and the seconds left on the engine's clock at render time.</summary>
    public sealed record ExpiringKey(KeyMetadata Metadata, string? Alias, long SecondsUntilKeyMaterialExpiration)
    {
        /// <summary>"12 days 03:04:05", as the countdown scripts write it (the Key material tab's text too).</summary>
        public string TimeLeft => MaterialTimes.Countdown(SecondsUntilKeyMaterialExpiration);
    }
}
