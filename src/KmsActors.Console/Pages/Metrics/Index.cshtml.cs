using KmsActors.Console.Infrastructure;
using KmsActors.Console.Live;
using Microsoft.AspNetCore.Mvc;

namespace KmsActors.Console.Pages.Metrics;

/// <summary>Metrics: request rate and latency per operation from the KmsActors meter over the last five minutes, as
/// small charts drawn on the server; the page's script fetches the panel again every few seconds (?handler=Panel).</summary>
public sealed class IndexModel(ConsoleContext console, OperationMetrics metrics) : ConsolePageModel(console)
{
    public IReadOnlyList<OperationSnapshot> Operations { get; private set; } = [];

    public void OnGet() => Operations = metrics.Snapshot();

    /// <summary>The figures panel alone, for the refresh script.</summary>
    public PartialViewResult OnGetPanel()
    {
        Operations = metrics.Snapshot();
        return Partial("_MetricsPanel", this);
    }
}
