namespace KmsActors.Console.Live;

/// <summary>What Shared/_AuditEvents.cshtml shows: the newest matching records (newest first), the filter they match,
/// and where the page's script follows the stream from (<see cref="After"/>: the last record the render saw).</summary>
public sealed record AuditView(IReadOnlyList<AuditEntry> Entries, AuditFilter Filter, string StreamUrl, string RefreshUrl, long After, int Limit, int HistoryCapacity)
{
    /// <summary>Rows a page shows (and keeps, as live ones arrive).</summary>
    public const int DefaultLimit = 200;

    public static AuditView For(AuditHistory history, AuditFilter filter, Func<string, string> link, string refreshPath)
    {
        var after = history.LastSequence;
        var query = filter.Query();
        var stream = link(AuditStreamEndpoint.Path + (query.Length == 0 ? "" : "?" + query));
        var refresh = link(refreshPath + (query.Length == 0 ? "" : "?" + query));
        return new AuditView(history.Recent(filter, DefaultLimit), filter, stream, refresh, after, DefaultLimit, history.Capacity);
    }
}
