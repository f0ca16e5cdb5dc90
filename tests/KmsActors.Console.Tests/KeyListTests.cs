using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Console.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace KmsActors.Console.Tests;

/// <summary>Customer managed keys (docs/console.md): the Origin column in the console's words, filters by origin and
/// state, and pages that follow ListKeys' markers forward and back.</summary>
public sealed class KeyListTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private Browser Browser => fixture.Browser;

    private IAmazonKeyManagementService Kms => fixture.Server.Kms;

    private IReadOnlyList<string> ListedKeyIds() =>
        Browser.FindAll(By.CssSelector("#keys tbody tr[data-key-id]")).Select(r => r.GetAttribute("data-key-id")!).ToList();

    private IWebElement Row(string keyId) => Browser.Find(By.CssSelector($"#keys tr[data-key-id='{keyId}']"));

    [Fact]
    public async Task imported_keys_show_origin_External_and_the_filters_keep_only_the_keys_asked_for()
    {
        var external = (await Kms.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata.KeyId;
        await Kms.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/imported-listed", TargetKeyId = external });
        var generated = (await Kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.KeyId;
        Browser.GoTo(fixture.Server.Url("/console/keys?region=us-east-1"));

        Assert.Equal("External", Row(external).FindElements(By.TagName("td"))[3].Text);
        Assert.Equal("imported-listed", Row(external).FindElements(By.TagName("td"))[0].Text);
        Assert.Equal("Pending import", Row(external).FindElements(By.TagName("td"))[2].Text);
        Assert.Equal("AWS KMS", Row(generated).FindElements(By.TagName("td"))[3].Text);
        Browser.Screenshot("keys-list");

        new SelectElement(Browser.Find(By.Id("filter-origin"))).SelectByValue("EXTERNAL");
        new SelectElement(Browser.Find(By.Id("filter-state"))).SelectByValue("PendingImport");
        Browser.Find(By.Id("apply-filters")).Click();

        Browser.WaitFor(d => d.Url.Contains("origin=EXTERNAL", StringComparison.Ordinal));
        Assert.Contains(external, ListedKeyIds());
        Assert.DoesNotContain(generated, ListedKeyIds());
        Assert.All(Browser.FindAll(By.CssSelector("#keys td[data-origin]")), cell => Assert.Equal("EXTERNAL", cell.GetAttribute("data-origin")));

        new SelectElement(Browser.Find(By.Id("filter-state"))).SelectByValue("Enabled");
        Browser.Find(By.Id("apply-filters")).Click();

        Browser.WaitFor(d => d.Url.Contains("state=Enabled", StringComparison.Ordinal));
        Assert.DoesNotContain(external, ListedKeyIds());
    }

    [Fact]
    public async Task the_pages_walk_every_customer_key_forward_and_back_without_script()
    {
        for (var i = 0; i < 5; i++)
            await Kms.CreateKeyAsync(new CreateKeyRequest());
        var all = new List<string>();
        foreach (var entry in (await Kms.ListKeysAsync(new ListKeysRequest { Limit = 1000 })).Keys)
            if ((await Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = entry.KeyId })).KeyMetadata.KeyManager == KeyManagerType.CUSTOMER)
                all.Add(entry.KeyId);
        Browser.GoTo(fixture.Server.Url("/console/keys?region=us-east-1&limit=2"));
        var first = ListedKeyIds();
        var seen = new List<string>(first);
        var pages = 1;

        while (Browser.FindAll(By.Id("next-page")).Count > 0)
        {
            Browser.Find(By.Id("next-page")).Click();
            pages++;
            Browser.WaitFor(d => d.FindElement(By.ClassName("page-number")).Text == $"Page {pages}");
            Assert.InRange(ListedKeyIds().Count, 1, 2);
            seen.AddRange(ListedKeyIds());
        }

        Assert.Equal(all.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        while (Browser.FindAll(By.Id("previous-page")).Count > 0)
            Browser.Find(By.Id("previous-page")).Click();
        Assert.Equal("Page 1", Browser.Find(By.ClassName("page-number")).Text);
        Assert.Equal(first, ListedKeyIds());
    }

    [Fact]
    public void a_marker_edited_in_the_address_shows_the_refusal_of_ListKeys()
    {
        Browser.GoTo(fixture.Server.Url("/console/keys?region=us-east-1&limit=2&marker=not-a-marker&back="));

        Assert.Equal("InvalidMarkerException", Browser.Find(By.CssSelector("#aws-error .error-code")).Text);
        Assert.Empty(Browser.FindAll(By.Id("next-page")));
    }
}
