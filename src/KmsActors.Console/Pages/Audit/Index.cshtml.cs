using KmsActors.Console.Infrastructure;
using KmsActors.Console.Live;
using KmsActors.Kms.Model;

namespace KmsActors.Console.Pages.Audit;

/// <summary>The Audit page (docs/console.md): CloudTrail-shaped records of the region as they happen, filterable by key
/// (ID, ARN or alias) and event name; the newest first, then live from the stream.</summary>
public sealed class IndexModel(ConsoleContext console, AuditHistory history) : ConsolePageModel(console)
{
    /// <summary>The names an event can have: every operation, and the service events (AWS acting on its own, docs/audit.md).</summary>
    public static IReadOnlyList<string> EventNames { get; } =
        KmsOperations.All.Concat(new[] { "DeleteExpiredKeyMaterial", "DeleteKey", "RotateKey" }).Distinct().Order(StringComparer.Ordinal).ToArray();

    public AuditView View { get; private set; } = null!;

    public void OnGet()
    {
        var filter = AuditFilter.From(Request.Query, Console.Region);
        View = AuditView.For(history, filter, path => Console.Link(path), "/console/audit");
    }
}
