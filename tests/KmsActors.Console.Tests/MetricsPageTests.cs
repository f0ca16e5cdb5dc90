using System.Text.RegularExpressions;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Console.Tests.Support;
using OpenQA.Selenium;

namespace KmsActors.Console.Tests;

/// <summary>Metrics: request rate and latency per operation from the KmsActors meter, as server-drawn charts and totals.</summary>
public sealed partial class MetricsPageTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = fixture.Server.Address };

    private IAmazonKeyManagementService Kms => fixture.Server.Kms;

    private Browser Browser => fixture.Browser;

    [Fact]
    public async Task the_metrics_page_shows_a_chart_and_the_counts_of_an_operation_after_calls()
    {
        for (var i = 0; i < 5; i++)
            await Kms.GenerateRandomAsync(new GenerateRandomRequest { NumberOfBytes = 16 });

        var html = await LiveSupport.Eventually(() => _http.GetStringAsync("/console/metrics"), h => Cell(h, "GenerateRandom", "total-requests") == "5");

        Assert.Equal("5", Cell(html, "GenerateRandom", "window-requests"));
        Assert.Equal("0", Cell(html, "GenerateRandom", "total-errors"));
        var chart = Regex.Match(Row(html, "GenerateRandom"), "<svg class=\"sparkline requests\"[^>]* aria-label=\"([^\"]*)\"[\\s\\S]*?<polyline points=\"([^\"]+)\"");
        Assert.StartsWith("GenerateRandom: requests per second over the last 5 minutes, peak ", chart.Groups[1].Value, StringComparison.Ordinal);
        Assert.Equal(300, chart.Groups[2].Value.Split(' ').Length); // a point per second of the window

        // In the browser the page fetches its figures again every few seconds: a later call shows without a reload.
        Browser.GoTo(fixture.Server.Url("/console/metrics"));
        Browser.Screenshot("metrics");
        await Kms.GenerateRandomAsync(new GenerateRandomRequest { NumberOfBytes = 16 });
        Browser.WaitFor(d => Text(d, "#metrics-GenerateRandom .total-requests") == "6", seconds: 15);
    }

    /// <summary>The element's text, or null while the refresh script is replacing the panel.</summary>
    private static string? Text(IWebDriver driver, string css)
    {
        try
        {
            return driver.FindElements(By.CssSelector(css)).FirstOrDefault()?.Text;
        }
        catch (StaleElementReferenceException)
        {
            return null;
        }
    }

    [Fact]
    public async Task refused_calls_count_as_errors_of_their_operation()
    {
        for (var i = 0; i < 2; i++)
            await Assert.ThrowsAsync<Amazon.KeyManagementService.Model.NotFoundException>(() => Kms.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = Guid.NewGuid().ToString() }));

        var html = await LiveSupport.Eventually(() => _http.GetStringAsync("/console/metrics"), h => Cell(h, "GetKeyRotationStatus", "total-errors") == "2");

        Assert.Equal("2", Cell(html, "GetKeyRotationStatus", "total-requests"));
        Assert.Equal("2", Cell(html, "GetKeyRotationStatus", "window-errors"));
    }

    [Fact]
    public async Task the_refresh_handler_answers_the_figures_panel_alone()
    {
        await Kms.ListKeysAsync(new ListKeysRequest());

        var panel = await LiveSupport.Eventually(() => _http.GetStringAsync("/console/metrics?handler=Panel"), h => h.Contains("id=\"metrics-ListKeys\"", StringComparison.Ordinal));

        Assert.Contains("<table id=\"metrics\">", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", panel, StringComparison.Ordinal);
    }

    /// <summary>The text of the operation's cell of that class on the rendered page (null when absent).</summary>
    private static string? Cell(string html, string operation, string cssClass)
    {
        var cell = Regex.Match(Row(html, operation), $"<td class=\"num {cssClass}\">([^<]*)</td>");
        return cell.Success ? cell.Groups[1].Value : null;
    }

    private static string Row(string html, string operation) => Regex.Match(html, $"<tr id=\"metrics-{operation}\"[\\s\\S]*?</tr>").Value;

    public void Dispose() => _http.Dispose();
}
