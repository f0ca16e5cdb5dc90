using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Console.Tests.Support;
using OpenQA.Selenium;

namespace KmsActors.Console.Tests;

/// <summary>Create key (docs/console.md): the wizard's choices reach CreateKey, CreateAlias and the key policy, and its
/// refusals keep the form as typed and create nothing.</summary>
public sealed class CreateKeyWizardTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const string Admin = "arn:aws:iam::111122223333:role/KeyAdmin";

    private Browser Browser => fixture.Browser;

    private IAmazonKeyManagementService Kms => fixture.Server.Kms;

    private void OpenWizard(string alias, bool external)
    {
        Browser.GoTo(fixture.Server.Url("/console/keys?region=us-east-1"));
        Browser.Find(By.Id("create-key")).Click();
        Browser.WaitFor(d => d.FindElements(By.Id("create-key-form")).Count > 0);
        if (external)
        {
            Browser.Find(By.CssSelector("#advanced-options > summary")).Click();
            Browser.Find(By.Id("origin-EXTERNAL")).Click();
        }
        Browser.Find(By.Id("alias")).SendKeys(alias);
    }

    private void Finish() => Browser.Find(By.Id("finish")).Click();

    private async Task<int> KeyCount() => (await Kms.ListKeysAsync(new ListKeysRequest { Limit = 1000 })).Keys.Count;

    [Fact]
    public async Task an_external_key_created_in_the_wizard_is_pending_import_with_its_alias_tags_and_the_administrators_import_permissions()
    {
        OpenWizard("byok-wizard", external: true);
        Browser.Find(By.Id("acknowledged")).Click();
        Browser.Find(By.Id("description")).SendKeys("BYOK through the console");
        Browser.Find(By.Id("tag-key-0")).SendKeys("team");
        Browser.Find(By.Id("tag-value-0")).SendKeys("payments");
        Browser.Find(By.Id("add-tag")).Click();
        Browser.WaitFor(d => d.FindElements(By.Id("tag-key-1")).Count > 0);
        Browser.Find(By.Id("tag-key-1")).SendKeys("env");
        Browser.Find(By.Id("tag-value-1")).SendKeys("test");
        Browser.Find(By.Id("administrators")).SendKeys(Admin);
        Assert.True(Browser.Find(By.Id("acknowledged")).Selected, "the acknowledgement survives Add tag");
        Assert.Equal("team", Browser.Find(By.Id("tag-key-0")).GetAttribute("value"));
        Browser.Driver.ExecuteScript("window.scrollTo(0, document.getElementById('advanced-options').offsetTop - 280)");
        Browser.Screenshot("create-key");

        Finish();

        Browser.WaitFor(d => d.FindElements(By.Id("general-configuration")).Count > 0);
        var keyId = Browser.Find(By.Id("general-arn")).Text.Split('/')[^1];
        var key = (await Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata;
        Assert.Equal(OriginType.EXTERNAL, key.Origin);
        Assert.Equal(KeyState.PendingImport, key.KeyState);
        Assert.Equal("BYOK through the console", key.Description);
        Assert.Equal(["alias/byok-wizard"], (await Kms.ListAliasesAsync(new ListAliasesRequest { KeyId = keyId })).Aliases.Select(a => a.AliasName));
        var tags = (await Kms.ListResourceTagsAsync(new ListResourceTagsRequest { KeyId = keyId })).Tags.ToDictionary(t => t.TagKey, t => t.TagValue);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "payments", ["env"] = "test" }, tags);
        var policy = (await Kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = keyId, PolicyName = "default" })).Policy;
        Assert.Contains("\"Allow access for Key Administrators\"", policy, StringComparison.Ordinal);
        Assert.Contains(Admin, policy, StringComparison.Ordinal);
        Assert.Contains("\"kms:ImportKeyMaterial\"", policy, StringComparison.Ordinal);
        Assert.Contains("\"kms:DeleteImportedKeyMaterial\"", policy, StringComparison.Ordinal);
        Assert.Equal("External", Browser.Find(By.Id("general-origin")).Text);
        Assert.Equal("alias/byok-wizard", Browser.Find(By.Id("key-title")).Text);
        Browser.Screenshot("key-general");
    }

    [Fact]
    public async Task an_external_key_without_the_acknowledgement_is_refused_with_the_form_kept_and_nothing_created()
    {
        var before = await KeyCount();
        OpenWizard("unacknowledged", external: true);
        Browser.Find(By.Id("description")).SendKeys("kept");

        Finish();

        var error = Browser.WaitFor(d => d.FindElement(By.Id("form-error")));
        Assert.Contains("I understand the security, availability, and durability implications of using an imported key", error.Text, StringComparison.Ordinal);
        Assert.Equal("unacknowledged", Browser.Find(By.Id("alias")).GetAttribute("value"));
        Assert.Equal("kept", Browser.Find(By.Id("description")).GetAttribute("value"));
        Assert.True(Browser.Find(By.Id("origin-EXTERNAL")).Selected);
        Assert.Equal(before, await KeyCount());
    }

    [Fact]
    public async Task a_taken_alias_is_refused_with_AlreadyExistsException_before_any_key_is_created()
    {
        var existing = (await Kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.KeyId;
        await Kms.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/taken", TargetKeyId = existing });
        var before = await KeyCount();
        OpenWizard("taken", external: false);

        Finish();

        Assert.Equal("AlreadyExistsException", Browser.WaitFor(d => d.FindElement(By.CssSelector("#aws-error .error-code"))).Text);
        Assert.Equal("taken", Browser.Find(By.Id("alias")).GetAttribute("value"));
        Assert.Equal(before, await KeyCount());
    }

    [Fact]
    public async Task an_administrator_that_is_not_a_principal_is_refused_with_MalformedPolicyDocumentException_and_the_form_kept()
    {
        var before = await KeyCount();
        OpenWizard("bad-admin", external: false);
        Browser.Find(By.Id("administrators")).SendKeys("not-an-arn");

        Finish();

        Assert.Equal("MalformedPolicyDocumentException", Browser.WaitFor(d => d.FindElement(By.CssSelector("#aws-error .error-code"))).Text);
        Assert.Equal("not-an-arn", Browser.Find(By.Id("administrators")).GetAttribute("value"));
        Assert.Equal(before, await KeyCount());
    }

    [Fact]
    public async Task when_the_key_is_created_but_its_alias_is_refused_the_key_page_says_so()
    {
        OpenWizard("aws/reserved-by-aws", external: false);

        Finish();

        var warning = Browser.WaitFor(d => d.FindElement(By.Id("notice-warning")));
        Assert.Contains("The key was created, but its alias alias/aws/reserved-by-aws was not", warning.Text, StringComparison.Ordinal);
        var keyId = Browser.Find(By.Id("general-arn")).Text.Split('/')[^1];
        Assert.Equal(KeyState.Enabled, (await Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata.KeyState);
        Assert.Empty((await Kms.ListAliasesAsync(new ListAliasesRequest { KeyId = keyId })).Aliases);
    }

    [Fact]
    public async Task an_asymmetric_signing_key_gets_the_spec_and_usage_chosen_and_its_users_may_sign()
    {
        OpenWizard("signing-wizard", external: false);
        Browser.Find(By.Id("key-type-Asymmetric")).Click();
        Browser.Find(By.Id("usage-SIGN_VERIFY")).Click();
        new OpenQA.Selenium.Support.UI.SelectElement(Browser.Find(By.Id("asymmetric-spec"))).SelectByValue("ECC_NIST_P256");
        Browser.Find(By.Id("users")).SendKeys("arn:aws:iam::111122223333:role/Signer");

        Finish();

        Browser.WaitFor(d => d.FindElements(By.Id("general-configuration")).Count > 0);
        var keyId = Browser.Find(By.Id("general-arn")).Text.Split('/')[^1];
        var key = (await Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata;
        Assert.Equal(KeySpec.ECC_NIST_P256, key.KeySpec);
        Assert.Equal(KeyUsageType.SIGN_VERIFY, key.KeyUsage);
        var policy = (await Kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = keyId, PolicyName = "default" })).Policy;
        Assert.Contains("\"kms:Sign\"", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("Allow attachment of persistent resources", policy, StringComparison.Ordinal);
        Browser.GoTo(fixture.Server.Url($"/console/keys/{keyId}/crypto?region=us-east-1"));
        Assert.Equal("ECDSA_SHA_256", Browser.Find(By.Id("crypto-signing")).Text);
    }
}
