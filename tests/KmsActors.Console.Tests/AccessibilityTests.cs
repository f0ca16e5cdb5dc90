using System.Reflection;
using System.Text.Json;
using Amazon.KeyManagementService.Model;
using KmsActors.Console.Tests.Support;

namespace KmsActors.Console.Tests;

/// <summary>
/// The console's main pages checked with axe-core. The script comes from the Selenium.Axe 2.0.3 package, which carries
/// axe-core 4.1.1 inside its assembly (nothing is fetched at run time); its C# API is built against Selenium 3.141 and
/// does not bind to Selenium 4, so the test injects the script and calls axe.run itself, as that API would. A serious or
/// critical violation fails the test, named with the elements it was found on.
/// </summary>
public sealed class AccessibilityTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private static readonly Lazy<string> AxeScript = new(() =>
    {
        using var stream = Assembly.Load("Selenium.Axe").GetManifestResourceStream("Selenium.Axe.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is no longer embedded in Selenium.Axe.");
        return new StreamReader(stream).ReadToEnd();
    });

    [Fact]
    public async Task the_main_pages_have_no_serious_or_critical_accessibility_violations()
    {
        var kms = fixture.Server.Kms;
        var keyId = (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.KeyId;
        await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId });
        await LiveSupport.ExternalKeyExpiringAt(kms, DateTime.UtcNow.AddDays(3));

        var problems = new List<string>();
        foreach (var page in new[] { "/console/keys", "/console/audit", $"/console/keys/{keyId}/audit", "/console/expiry", "/console/metrics" })
        {
            fixture.Browser.GoTo(fixture.Server.Url(page));
            var driver = fixture.Browser.Driver;
            driver.ExecuteScript(AxeScript.Value);
            var violations = JsonDocument.Parse((string?)driver.ExecuteAsyncScript(
                "const done = arguments[arguments.length - 1];" +
                "axe.run(document).then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }])));") ?? "[]").RootElement;
            foreach (var violation in violations.EnumerateArray())
            {
                var impact = violation.GetProperty("impact").GetString();
                if (impact is "serious" or "critical")
                    problems.Add($"{page}: {impact} {violation.GetProperty("id").GetString()} ({violation.GetProperty("help").GetString()}) at " +
                        string.Join(", ", violation.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("html").GetString())));
            }
        }

        Assert.Empty(problems);
    }
}
