using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Console.Tests.Support;
using OpenQA.Selenium;

namespace KmsActors.Console.Tests;

/// <summary>The console's frame: served by the main job at /console, the region selector, assets from the assembly.</summary>
public sealed class ConsoleShellTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private Browser Browser => fixture.Browser;

    [Fact]
    public void the_console_opens_on_the_customer_managed_keys_of_the_default_region()
    {
        Browser.GoTo(fixture.Server.Url("/console"));

        Assert.Equal("Customer managed keys", Browser.Find(By.TagName("h1")).Text);
        Assert.Contains("region=us-east-1", Browser.Driver.Url, StringComparison.Ordinal);
        Assert.Equal("us-east-1", Browser.Find(By.Id("region-selector")).GetAttribute("value"));
    }

    [Fact]
    public async Task the_region_selector_shows_the_keys_of_the_region_chosen()
    {
        using var frankfurt = new AmazonKeyManagementServiceClient(new Amazon.Runtime.BasicAWSCredentials("AKIDCONSOLETEST", "secret"),
            new AmazonKeyManagementServiceConfig { ServiceURL = fixture.Server.Address.ToString(), AuthenticationRegion = "eu-central-1" });
        var key = (await frankfurt.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata.KeyId;
        Browser.GoTo(fixture.Server.Url("/console/keys?region=us-east-1"));
        Assert.DoesNotContain(key, Browser.Find(By.Id("keys")).Text, StringComparison.Ordinal);

        new OpenQA.Selenium.Support.UI.SelectElement(Browser.Find(By.Id("region-selector"))).SelectByValue("eu-central-1");

        Browser.WaitFor(d => d.Url.Contains("region=eu-central-1", StringComparison.Ordinal));
        Assert.Contains(key, Browser.Find(By.Id("keys")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_stylesheet_is_served_from_the_assembly()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Address };
        using var css = await http.GetAsync("/console/assets/console.css");

        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".top-bar", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task by_default_the_console_follows_the_audit_trail_from_its_first_request_on()
    {
        // The fixtures' servers follow from start (ConsoleServer); this one as the README's server does.
        await using var server = await ConsoleServer.StartAsync("--kms.console.follow-from=first-visit");
        var unseen = (await server.Kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.KeyId;
        using var http = new HttpClient { BaseAddress = server.Address };

        var first = await http.GetStringAsync("/console/audit?region=us-east-1");
        var seen = (await server.Kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.KeyId;
        var later = await LiveSupport.Eventually(() => http.GetStringAsync("/console/audit?region=us-east-1"), page => page.Contains(seen, StringComparison.Ordinal));

        Assert.DoesNotContain(unseen, first, StringComparison.Ordinal);
        Assert.Contains(seen, later, StringComparison.Ordinal);
        Assert.DoesNotContain(unseen, later, StringComparison.Ordinal);
    }
}
