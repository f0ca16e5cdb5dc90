using Microsoft.AspNetCore.Http;

namespace KmsActors.Console.Live;

/// <summary>What the Audit page shows: events of one region (CloudTrail's event history is per Region, as AWS's
/// console shows it), optionally of one key (ID, ARN or alias) and one event name (e.g. ImportKeyMaterial).</summary>
public sealed record AuditFilter(string Region, string? Key = null, string? EventName = null)
{
    /// <summary>From the address: <c>?key=…&amp;event=…</c> (blank means any).</summary>
    public static AuditFilter From(IQueryCollection query, string region) =>
        new(region, Blank(query["key"].ToString()), Blank(query["event"].ToString()));

    public bool Matches(AuditEntry entry)
    {
        var record = entry.Record;
        return record.AwsRegion == Region
            && (EventName is null || string.Equals(record.EventName, EventName, StringComparison.OrdinalIgnoreCase))
            && (Key is null || AuditKeys.Concerns(record, Key));
    }

    /// <summary>The query string of this filter (without the region, which ConsoleContext.Link adds).</summary>
    public string Query()
    {
        var parts = new List<string>();
        if (Key is not null)
            parts.Add("key=" + Uri.EscapeDataString(Key));
        if (EventName is not null)
            parts.Add("event=" + Uri.EscapeDataString(EventName));
        return string.Join('&', parts);
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
