using System.Globalization;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Console.Tests.Support;
using OpenQA.Selenium;

namespace KmsActors.Console.Tests;

/// <summary>Key material expiry: the region's keys whose imported material expires, soonest first, with
/// SecondsUntilKeyMaterialExpiration on the engine's clock and a countdown.</summary>
public sealed class ExpiryPageTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private Browser Browser => fixture.Browser;

    [Fact]
    public async Task the_expiry_view_lists_keys_whose_material_expires_soonest_first_and_counts_down()
    {
        var kms = fixture.Server.Kms;
        var now = DateTime.UtcNow;
        var inThirtyDays = await LiveSupport.ExternalKeyExpiringAt(kms, now.AddDays(30));
        var inTwoDays = await LiveSupport.ExternalKeyExpiringAt(kms, now.AddDays(2));
        var inTenDays = await LiveSupport.ExternalKeyExpiringAt(kms, now.AddDays(10));
        var pendingImport = (await kms.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata.KeyId;
        var awsMaterial = (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.KeyId;

        Browser.GoTo(fixture.Server.Url("/console/expiry"));

        var rows = Browser.FindAll(By.CssSelector("#expiring-keys tbody tr"));
        Assert.Equal([inTwoDays, inTenDays, inThirtyDays], rows.Select(r => r.GetAttribute("data-key-id")));
        var table = Browser.Find(By.Id("expiring-keys")).Text;
        Assert.DoesNotContain(pendingImport, table, StringComparison.Ordinal);
        Assert.DoesNotContain(awsMaterial, table, StringComparison.Ordinal);
        // Two days, less the few seconds the test has taken so far (the server runs on the real clock here).
        var seconds = SecondsLeft(rows.First());
        Assert.InRange(seconds, 2 * 86400 - 120, 2 * 86400);
        Assert.StartsWith("1 day 23:5", rows.First().FindElement(By.CssSelector(".countdown")).Text, StringComparison.Ordinal);
        Browser.Screenshot("expiry");

        // The countdown runs in the page (real time, the browser's rendering: no engine clock involved).
        Browser.WaitFor(_ => SecondsLeft(Browser.FindAll(By.CssSelector("#expiring-keys tbody tr")).First()) < seconds, seconds: 5);
    }

    private static long SecondsLeft(IWebElement row) =>
        long.Parse(row.FindElement(By.CssSelector(".seconds-left")).Text, CultureInfo.InvariantCulture);
}
