using System.Text.Json;
using Amazon.KeyManagementService.Model;
using Deque.AxeCore.Commons;
using KmsActors.Console.Tests.Support;
using OpenQA.Selenium;

namespace KmsActors.Console.Tests;

/// <summary>
/// The console's pages checked with axe-core (docs/console.md), and reached by keyboard. The script is axe-core 4.14 as
/// Deque.AxeCore.Commons bundles it in its assembly (nothing is fetched at run time); the Selenium binding of the same
/// version is not on the package mirror, so the test injects the script and calls axe.run itself, as that binding does.
/// A serious or critical violation fails the test, named with the elements it was found on.
/// </summary>
public sealed class AccessibilityTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private static readonly Lazy<string> AxeScript = new(() => new BundledAxeScriptProvider().GetScript());

    private Browser Browser => fixture.Browser;

    [Fact]
    public async Task the_console_pages_have_no_serious_or_critical_accessibility_violations()
    {
        var kms = fixture.Server.Kms;
        var keyId = (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.KeyId;
        var external = await LiveSupport.ExternalKeyExpiringAt(kms, DateTime.UtcNow.AddDays(3));

        var problems = new List<string>();
        foreach (var page in new[]
                 {
                     "/console/keys", "/console/keys/create", $"/console/keys/{keyId}", $"/console/keys/{external}/material",
                     $"/console/keys/{external}/material/download", $"/console/keys/{external}/material/upload", "/console/audit",
                     $"/console/keys/{keyId}/audit", "/console/expiry", "/console/metrics",
                 })
        {
            Browser.GoTo(fixture.Server.Url(page));
            var driver = Browser.Driver;
            driver.ExecuteScript(AxeScript.Value);
            // Only the impacts that fail the test are asked for: fewer rules' results to carry back.
            var violations = JsonDocument.Parse((string?)driver.ExecuteAsyncScript(
                "const done = arguments[arguments.length - 1];" +
                "axe.run(document, { resultTypes: ['violations'] }).then(r => done(JSON.stringify(r.violations))," +
                " e => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }])));") ?? "[]").RootElement;
            foreach (var violation in violations.EnumerateArray())
            {
                var impact = violation.GetProperty("impact").GetString();
                if (impact is "serious" or "critical")
                    problems.Add($"{page}: {impact} {violation.GetProperty("id").GetString()} ({violation.GetProperty("help").GetString()}) at " +
                        string.Join(", ", violation.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("html").GetString())));
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void the_region_selector_the_navigation_and_create_key_are_reached_with_the_tab_key()
    {
        Browser.GoTo(fixture.Server.Url("/console/keys?region=us-east-1"));
        var reached = new List<string>();
        var body = Browser.Find(By.TagName("body"));
        body.Click();
        for (var press = 0; press < 40; press++)
        {
            new OpenQA.Selenium.Interactions.Actions(Browser.Driver).SendKeys(Keys.Tab).Perform();
            var focused = Browser.Driver.SwitchTo().ActiveElement();
            reached.Add(focused.GetAttribute("id") is { Length: > 0 } id ? "#" + id : focused.TagName + ":" + focused.Text);
        }

        // In the page's order: the skip link, the sections, the region selector in the upper right, then the page's own controls.
        string[] expected = ["a:Skip to content", "a:Customer managed keys", "a:Key material expiry", "a:Audit", "a:Metrics", "#region-selector", "#create-key"];
        Assert.Equal(expected, reached.Where(expected.Contains).Distinct());
    }

    [Fact]
    public async Task without_javascript_a_key_is_created_in_the_wizard_and_its_deletion_scheduled_and_canceled_with_plain_forms()
    {
        using var plain = new Browser(javaScript: false);
        plain.GoTo(fixture.Server.Url("/console/keys/create?region=us-east-1"));
        // The page's scripts did not run: console.js would mark <html> "js" and hide the region selector's Switch button.
        Assert.DoesNotContain("js", plain.Find(By.TagName("html")).GetAttribute("class") ?? "", StringComparison.Ordinal);
        Assert.True(plain.Find(By.CssSelector(".region-selector button")).Displayed);
        plain.Find(By.CssSelector("#advanced-options > summary")).Click();
        plain.Find(By.Id("origin-EXTERNAL")).Click();
        plain.Find(By.Id("acknowledged")).Click();
        plain.Find(By.Id("alias")).SendKeys("no-script");
        plain.Find(By.Id("finish")).Click();

        plain.WaitFor(d => d.FindElements(By.Id("general-configuration")).Count > 0);
        var keyId = plain.Find(By.Id("general-arn")).Text.Split('/')[^1];
        Assert.Equal(Amazon.KeyManagementService.KeyState.PendingImport, (await Describe(keyId)).KeyState);
        plain.Find(By.Id("schedule-deletion")).Click();
        plain.WaitFor(d => d.FindElements(By.Id("schedule-deletion-form")).Count > 0);
        var period = plain.Find(By.Id("waiting-period"));
        period.Clear();
        period.SendKeys("9");
        plain.Find(By.Id("confirm-deletion")).Click();
        plain.Find(By.Id("confirm-schedule")).Click();
        plain.WaitFor(d => d.FindElements(By.Id("cancel-deletion")).Count > 0);
        var scheduled = await Describe(keyId);
        Assert.Equal(Amazon.KeyManagementService.KeyState.PendingDeletion, scheduled.KeyState);
        Assert.InRange(scheduled.DeletionDate!.Value.ToUniversalTime() - DateTime.UtcNow, TimeSpan.FromDays(8.9), TimeSpan.FromDays(9.1));
        Assert.Equal("PendingDeletion", plain.Find(By.Id("key-status")).GetAttribute("data-state"));

        plain.Find(By.Id("cancel-deletion")).Click();
        plain.WaitFor(d => d.FindElements(By.Id("notice-success")).Count > 0);
        // An External key without its material goes back to Pending import when its deletion is canceled (docs/byok.md).
        Assert.Equal(Amazon.KeyManagementService.KeyState.PendingImport, (await Describe(keyId)).KeyState);
    }

    private async Task<KeyMetadata> Describe(string keyId) =>
        (await fixture.Server.Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata;
}
