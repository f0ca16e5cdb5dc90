using System.Globalization;
using KmsActors.Console.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;

namespace KmsActors.Console.Live;

/// <summary>
/// GET /console/audit/stream?region=…&amp;key=…&amp;event=…&amp;after=N: the audit trail as server-sent events
/// (text/event-stream), one event per record: <c>id: N</c> (the console's sequence number) and one <c>data:</c> line
/// holding the record's CloudTrail JSON. Without <c>after</c> (or a Last-Event-ID header, sent by a reconnecting
/// EventSource) it starts with the records that arrive from now on; with it, it first replays what the ring still holds
/// after N, so a page rendered at N misses nothing. Each event is flushed as written; the stream ends when the client
/// goes away or the server stops.
/// </summary>
public static class AuditStreamEndpoint
{
    public const string Path = ConsoleServiceExtensions.PathBase + "/audit/stream";

    public static async Task Handle(HttpContext context, AuditHistory history, ConsoleContext console, IHostApplicationLifetime lifetime)
    {
        var filter = AuditFilter.From(context.Request.Query, console.Region);
        var after = SequenceOf(context.Request.Headers["Last-Event-ID"].ToString()) ?? SequenceOf(context.Request.Query["after"].ToString());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;

        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        // No response buffering between us and the client: each event leaves when flushed.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var follower = history.Follow(after);
        try
        {
            // Sends the headers at once (a client sees the stream open before any record) and sets the reconnect delay.
            await response.WriteAsync("retry: 2000\n\n", ct).ConfigureAwait(false);
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
            foreach (var entry in follower.Backlog)
                if (filter.Matches(entry))
                    await Send(response, entry, ct).ConfigureAwait(false);
            await foreach (var entry in follower.Live.ReadAllAsync(ct).ConfigureAwait(false))
                if (filter.Matches(entry))
                    await Send(response, entry, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page was closed or the server is stopping: the stream simply ends.
        }
    }

    private static async Task Send(HttpResponse response, AuditEntry entry, CancellationToken ct)
    {
        // AuditJson writes one line (line breaks inside strings are escaped), as a data: field requires.
        await response.WriteAsync($"id: {entry.Sequence.ToString(CultureInfo.InvariantCulture)}\ndata: {entry.Json}\n\n", ct).ConfigureAwait(false);
        await response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    private static long? SequenceOf(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null;
}
