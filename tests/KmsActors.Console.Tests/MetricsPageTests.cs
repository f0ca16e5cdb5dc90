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

        await LiveSupport.Eventually(() => _http.GetStringAsync("/console/metrics"), h => Cell(h, "GenerateRandom", "total-requests") == "5");
        Browser.GoTo(fixture.Server.Url("/console/metrics"));

        var row = Browser.Find(By.Id("metrics-GenerateRandom"));
        Assert.Equal("5", row.FindElement(By.CssSelector(".total-requests")).Text);
        Assert.Equal("5", row.FindElement(By.CssSelector(".window-requests")).Text);
        Assert.Equal("0", row.FindElement(By.CssSelector(".total-errors")).Text);
        var chart = row.FindElement(By.CssSelector("svg.sparkline.requests"));
        Assert.Contains("GenerateRandom: requests per second", chart.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.NotEmpty(chart.FindElement(By.TagName("polyline")).GetAttribute("points")!);
        Browser.Screenshot("metrics");

        // The page fetches its figures again every few seconds: a later call shows without a reload.
        await Kms.GenerateRandomAsync(new GenerateRandomRequest { NumberOfBytes = 16 });
        Browser.WaitFor(d => d.FindElement(By.CssSelector("#metrics-GenerateRandom .total-requests")).Text == "6", seconds: 10);
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
        var row = Regex.Match(html, $"<tr id=\"metrics-{operation}\"[\\s\\S]*?</tr>");
        var cell = Regex.Match(row.Value, $"<td class=\"num {cssClass}\">([^<]*)</td>");
        return cell.Success ? cell.Groups[1].Value : null;
    }

    public void Dispose() => _http.Dispose();
}
