using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Console.Tests.Support;
using OpenQA.Selenium;

namespace KmsActors.Console.Tests;

/// <summary>A key's detail tabs (docs/console.md): each action is a KMS call whose effect the API sees, and a refusal
/// shows AWS's error with the form as typed.</summary>
public sealed class KeyDetailTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private Browser Browser => fixture.Browser;

    private IAmazonKeyManagementService Kms => fixture.Server.Kms;

    private async Task<string> NewKey(bool multiRegion = false) =>
        (await Kms.CreateKeyAsync(new CreateKeyRequest { MultiRegion = multiRegion, Description = "detail" })).KeyMetadata.KeyId;

    private async Task<KeyMetadata> Describe(string keyId) => (await Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata;

    private void Open(string keyId, string tab = "") =>
        Browser.GoTo(fixture.Server.Url($"/console/keys/{keyId}{(tab.Length == 0 ? "" : "/" + tab)}?region=us-east-1"));

    private void ClickAndWaitForState(string buttonId, string state)
    {
        Browser.Find(By.Id(buttonId)).Click();
        Browser.WaitFor(d => d.FindElement(By.Id("key-status")).GetAttribute("data-state") == state);
    }

    [Fact]
    public async Task disable_enable_schedule_and_cancel_deletion_change_the_key_state_as_the_api_sees_it()
    {
        var keyId = await NewKey();
        Open(keyId);

        ClickAndWaitForState("disable-key", "Disabled");
        Assert.Equal(KeyState.Disabled, (await Describe(keyId)).KeyState);
        ClickAndWaitForState("enable-key", "Enabled");
        Assert.Equal(KeyState.Enabled, (await Describe(keyId)).KeyState);

        Browser.Find(By.Id("schedule-deletion")).Click();
        var period = Browser.WaitFor(d => d.FindElement(By.Id("waiting-period")));
        Assert.Equal("30", period.GetAttribute("value"));
        period.Clear();
        period.SendKeys("7");
        Browser.Find(By.Id("confirm-schedule")).Click();
        Browser.WaitFor(d => d.FindElement(By.Id("form-error")));
        Assert.Equal(KeyState.Enabled, (await Describe(keyId)).KeyState);
        Assert.Equal("7", Browser.Find(By.Id("waiting-period")).GetAttribute("value"));
        Browser.Find(By.Id("confirm-deletion")).Click();
        ClickAndWaitForState("confirm-schedule", "PendingDeletion");
        var pending = await Describe(keyId);
        Assert.Equal(KeyState.PendingDeletion, pending.KeyState);
        // The waiting period typed (7 days, not the default 30) is the one KMS scheduled.
        Assert.InRange(pending.DeletionDate!.Value.ToUniversalTime() - DateTime.UtcNow, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7.1));
        Assert.NotEmpty(Browser.Find(By.Id("deletion-date")).Text);

        ClickAndWaitForState("cancel-deletion", "Disabled");
        Assert.Equal(KeyState.Disabled, (await Describe(keyId)).KeyState);
    }

    [Fact]
    public async Task the_description_is_saved_with_UpdateKeyDescription()
    {
        var keyId = await NewKey();
        Open(keyId);
        var description = Browser.Find(By.Id("description"));
        description.Clear();
        description.SendKeys("rotated quarterly");

        Browser.Find(By.Id("save-description")).Click();

        Browser.WaitFor(d => d.FindElement(By.Id("notice-success")));
        Assert.Equal("rotated quarterly", (await Describe(keyId)).Description);
    }

    [Fact]
    public async Task a_malformed_policy_is_refused_with_MalformedPolicyDocumentException_and_the_text_kept()
    {
        var keyId = await NewKey();
        var before = (await Kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = keyId, PolicyName = "default" })).Policy;
        Open(keyId, "policy");
        Assert.Contains("\"Statement\"", Browser.Find(By.Id("policy-view")).Text, StringComparison.Ordinal);
        Browser.Find(By.Id("edit-policy")).Click();
        var text = Browser.WaitFor(d => d.FindElement(By.Id("policy-text")));
        text.Clear();
        text.SendKeys("{ \"Version\": \"2012-10-17\", \"Statement\": ");

        Browser.Find(By.Id("save-policy")).Click();

        Assert.Equal("MalformedPolicyDocumentException", Browser.WaitFor(d => d.FindElement(By.CssSelector("#aws-error .error-code"))).Text);
        Assert.Equal("{ \"Version\": \"2012-10-17\", \"Statement\": ", Browser.Find(By.Id("policy-text")).GetAttribute("value"));
        Assert.Equal(before, (await Kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = keyId, PolicyName = "default" })).Policy);
    }

    [Fact]
    public async Task tags_and_aliases_are_added_changed_and_removed()
    {
        var keyId = await NewKey();
        Open(keyId, "tags");
        Browser.Find(By.Id("new-tag-key")).SendKeys("owner");
        Browser.Find(By.Id("new-tag-value")).SendKeys("alice");
        Browser.Find(By.Id("add-tag")).Click();
        var value = Browser.WaitFor(d => d.FindElement(By.CssSelector("tr[data-tag-key='owner'] input[name='TagValue']")));
        value.Clear();
        value.SendKeys("bob");
        Browser.Find(By.CssSelector("tr[data-tag-key='owner'] .save-tag")).Click();
        Browser.WaitFor(d => d.FindElement(By.Id("notice-success")));
        Assert.Equal("bob", (await Kms.ListResourceTagsAsync(new ListResourceTagsRequest { KeyId = keyId })).Tags.Single(t => t.TagKey == "owner").TagValue);
        Browser.Find(By.CssSelector("tr[data-tag-key='owner'] .remove-tag")).Click();
        Browser.WaitFor(d => d.FindElements(By.CssSelector("tr[data-tag-key='owner']")).Count == 0);
        Assert.Empty((await Kms.ListResourceTagsAsync(new ListResourceTagsRequest { KeyId = keyId })).Tags ?? []);

        Open(keyId, "aliases");
        Browser.Find(By.Id("new-alias")).SendKeys("detail-alias");
        Browser.Find(By.Id("create-alias")).Click();
        Browser.WaitFor(d => d.FindElements(By.CssSelector("tr[data-alias='alias/detail-alias']")).Count == 1);
        Assert.Equal(["alias/detail-alias"], (await Kms.ListAliasesAsync(new ListAliasesRequest { KeyId = keyId })).Aliases.Select(a => a.AliasName));
        Browser.Find(By.Id("new-alias")).SendKeys("aws/reserved");
        Browser.Find(By.Id("create-alias")).Click();
        Browser.WaitFor(d => d.FindElement(By.CssSelector("#aws-error .error-code")));
        Assert.Equal("aws/reserved", Browser.Find(By.Id("new-alias")).GetAttribute("value"));
        Browser.Find(By.CssSelector("tr[data-alias='alias/detail-alias'] .delete-alias")).Click();
        Browser.WaitFor(d => d.FindElements(By.CssSelector("tr[data-alias]")).Count == 0);
        Assert.Empty((await Kms.ListAliasesAsync(new ListAliasesRequest { KeyId = keyId })).Aliases);
    }

    [Fact]
    public async Task a_multi_region_key_is_replicated_from_the_regionality_tab()
    {
        var keyId = await NewKey(multiRegion: true);
        Open(keyId, "regionality");

        Browser.Find(By.Id("replica-us-west-2")).Click();
        Browser.Find(By.Id("replicate")).Click();

        Browser.WaitFor(d => d.FindElements(By.CssSelector("#replicas tr[data-region='us-west-2']")).Count == 1);
        var replicas = (await Describe(keyId)).MultiRegionConfiguration.ReplicaKeys;
        Assert.Equal(["us-west-2"], replicas.Select(r => r.Region));
        Assert.Equal("Multi-Region primary", Browser.Find(By.Id("regionality-kind")).Text);
    }
}
