using KmsActors.Console.Infrastructure;
using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Mvc;

namespace KmsActors.Console.Pages.Keys;

/// <summary>
/// Customer managed keys of the selected region (docs/console.md): paged with ListKeys' Limit and Marker (the markers
/// of the pages before travel in the address, so Previous works without script), each key described, AWS managed keys
/// left out, filtered by origin and key state with a GET form.
/// </summary>
public sealed class IndexModel(ConsoleContext console) : ConsolePageModel(console)
{
    public static readonly int[] PageSizes = [10, 25, 50, 100];

    public sealed record Row(KeyMetadata Key, IReadOnlyList<string> Aliases);

    public IReadOnlyList<Row> Keys { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? Origin { get; set; }

    [BindProperty(SupportsGet = true)] public string? State { get; set; }

    [BindProperty(SupportsGet = true)] public int Limit { get; set; } = 10;

    /// <summary>ListKeys' marker of this page (none: the first page).</summary>
    [BindProperty(SupportsGet = true)] public string? Marker { get; set; }

    /// <summary>The markers of the pages before this one, oldest first, comma-separated ("" for the first page).</summary>
    [BindProperty(SupportsGet = true)] public string? Back { get; set; }

    public string? NextMarker { get; private set; }

    public int PageNumber => Trail.Count + 1;

    private List<string> Trail => Marker is null ? [] : [.. (Back ?? "").Split(',')];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Limit = Math.Clamp(Limit, 1, 1000);
        var origin = Enum.TryParse<OriginType>(Origin, out var o) ? o : (OriginType?)null;
        var state = Enum.TryParse<KeyState>(State, out var s) ? s : (KeyState?)null;
        var rows = new List<Row>();
        string? marker = Marker;
        var more = true;
        // A marker edited in the address is refused by ListKeys (InvalidMarkerException): shown, not a server error.
        await Try(async () =>
        {
            var aliases = await ConsoleAliases.ByKeyAsync(Console, ct);
            // Ask ListKeys for just as many keys as the page still lacks, so the page ends exactly at a marker of ListKeys'.
            while (more && rows.Count < Limit)
            {
                var listed = await Console.Kms.ListKeys(new ListKeysRequest { Limit = Limit - rows.Count, Marker = marker }, Console.Caller, Console.Region, ct);
                foreach (var entry in listed.Keys ?? [])
                {
                    var key = (await Console.Kms.DescribeKey(new DescribeKeyRequest { KeyId = entry.KeyId }, Console.Caller, Console.Region, ct)).KeyMetadata;
                    if (key is { KeyManager: KeyManagerType.CUSTOMER } && (origin is null || key.Origin == origin) && (state is null || key.KeyState == state))
                        rows.Add(new Row(key, aliases[key.KeyId!].Order(StringComparer.Ordinal).ToList()));
                }
                more = listed.Truncated == true;
                marker = listed.NextMarker;
            }
        });
        Keys = rows;
        NextMarker = more && Error is null ? marker : null;
    }

    /// <summary>This list's address with the filters kept and another page: the pages before it kept for Previous.</summary>
    public string PageLink(string? marker, IEnumerable<string> back)
    {
        var query = new List<string> { $"limit={Limit}" };
        if (!string.IsNullOrEmpty(Origin)) query.Add("origin=" + Uri.EscapeDataString(Origin));
        if (!string.IsNullOrEmpty(State)) query.Add("state=" + Uri.EscapeDataString(State));
        if (marker is not null)
        {
            query.Add("marker=" + Uri.EscapeDataString(marker));
            query.Add("back=" + Uri.EscapeDataString(string.Join(',', back)));
        }
        return Console.Link("/console/keys?" + string.Join('&', query));
    }

    public string? NextLink => NextMarker is null ? null : PageLink(NextMarker, Marker is null ? [""] : [.. Trail, Marker]);

    /// <summary>The page before: its marker is the last of the trail ("" is the first page).</summary>
    public string? PreviousLink => Marker is null ? null : Trail is [.. var before, var last]
        ? PageLink(last.Length == 0 ? null : last, before)
        : PageLink(null, []);
}
