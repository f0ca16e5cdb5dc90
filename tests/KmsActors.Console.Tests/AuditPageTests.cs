using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Console.Tests.Support;
using OpenQA.Selenium;

namespace KmsActors.Console.Tests;

/// <summary>The Audit page and a key's Audit trail tab: CloudTrail-shaped records as they happen, filtered by key and
/// event name, live through server-sent events.</summary>
public sealed partial class AuditPageTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>, IDisposable
{
    private const string SdkPrincipal = "arn:aws:iam::111122223333:root";

    private readonly HttpClient _http = new() { BaseAddress = fixture.Server.Address };

    private IAmazonKeyManagementService Kms => fixture.Server.Kms;

    private Browser Browser => fixture.Browser;

    [Fact]
    public async Task a_call_through_the_sdk_appears_on_the_open_audit_page_without_reload_with_its_event_name_and_principal()
    {
        var keyId = await NewKey();
        Browser.GoTo(fixture.Server.Url($"/console/audit?key={keyId}"));
        Browser.WaitFor(d => d.FindElement(By.CssSelector(".audit-live.streaming")));
        Browser.Driver.ExecuteScript("window.sameDocument = true;");

        await Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId });

        var row = Browser.WaitFor(d => d.FindElements(By.CssSelector("#audit-events tr.live-row[data-event-name='DescribeKey']")).FirstOrDefault())!;
        Assert.Equal(true, Browser.Driver.ExecuteScript("return window.sameDocument === true;")); // added live, not by a reload
        Assert.Equal(SdkPrincipal, row.FindElement(By.CssSelector(".principal-arn")).Text);
        Assert.Contains(keyId, row.Text, StringComparison.Ordinal);
        Assert.Contains("aws-sdk-dotnet", row.Text, StringComparison.Ordinal);
        var summary = row.FindElement(By.TagName("summary"));
        summary.Click();
        Assert.Contains("\"eventName\": \"DescribeKey\"", row.FindElement(By.TagName("pre")).Text, StringComparison.Ordinal);
        summary.Click();
        Browser.Screenshot("audit");
    }

    [Fact]
    public async Task a_refused_call_appears_with_its_error_code_and_message()
    {
        var keyId = await NewKey();
        await Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = keyId });
        await Assert.ThrowsAsync<DisabledException>(() => Kms.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = new MemoryStream([1, 2, 3]) }));

        var html = await Page($"/console/audit?key={keyId}&event=Encrypt", h => h.Contains("data-error-code=\"DisabledException\"", StringComparison.Ordinal));

        Assert.Equal(["Encrypt"], EventNames(html));
        Assert.Contains($"{keyId} is disabled.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_filters_narrow_the_list_to_one_key_and_one_event_name()
    {
        var (first, second) = (await NewKey(), await NewKey());
        await Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = first });
        await Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = second });
        await Kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = first, PolicyName = "default" });

        var byKey = await Page($"/console/audit?key={first}", h => EventNames(h).Contains("GetKeyPolicy"));
        var byKeyAndEvent = await Page($"/console/audit?key={first}&event=DescribeKey", h => EventNames(h).Count > 0);

        Assert.Equal(["GetKeyPolicy", "DescribeKey", "CreateKey"], EventNames(byKey));
        Assert.DoesNotContain(second, byKey, StringComparison.Ordinal);
        Assert.Equal(["DescribeKey"], EventNames(byKeyAndEvent));
    }

    [Fact]
    public async Task the_stream_delivers_each_new_record_as_one_line_of_cloudtrail_json()
    {
        var keyId = await NewKey();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await _http.GetAsync($"/console/audit/stream?key={keyId}", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("retry: 2000", await reader.ReadLineAsync(timeout.Token)); // the stream is open: later records reach it

        await Kms.TagResourceAsync(new TagResourceRequest { KeyId = keyId, Tags = [new Tag { TagKey = "team", TagValue = "live" }] });

        var record = await NextRecord(reader, timeout.Token);
        Assert.Equal("TagResource", record.GetProperty("eventName").GetString());
        Assert.Equal(SdkPrincipal, record.GetProperty("userIdentity").GetProperty("arn").GetString());
        Assert.EndsWith($":key/{keyId}", record.GetProperty("resources")[0].GetProperty("ARN").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_stream_first_replays_what_came_after_the_record_a_page_was_rendered_at()
    {
        var keyId = await NewKey();
        await Page($"/console/audit?key={keyId}", h => EventNames(h).Count > 0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        using var response = await _http.GetAsync($"/console/audit/stream?key={keyId}&after=0", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        Assert.Equal("CreateKey", (await NextRecord(reader, timeout.Token)).GetProperty("eventName").GetString());
    }

    [Fact]
    public async Task the_key_audit_trail_tab_shows_only_that_keys_events()
    {
        var (mine, other) = (await NewKey(), await NewKey());
        await Kms.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/audit-tab-" + mine[..8], TargetKeyId = mine });
        await Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/audit-tab-" + mine[..8] });
        await Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = other });

        var html = await Page($"/console/keys/{mine}/audit", h => EventNames(h).Count >= 3);

        Assert.Contains("aria-current=\"page\">Audit trail</a>", html, StringComparison.Ordinal);
        Assert.Contains("alias/audit-tab-" + mine[..8], html, StringComparison.Ordinal);
        Assert.DoesNotContain(other, html, StringComparison.Ordinal);
        // The console's own calls for this page (DescribeKey, ListAliases as the console principal) may follow; the
        // SDK's come first in time: CreateKey, CreateAlias, DescribeKey by alias.
        var names = EventNames(html);
        Assert.Equal(["CreateKey", "CreateAlias", "DescribeKey"], names.AsEnumerable().Reverse().Take(3));
    }

    private async Task<string> NewKey() => (await Kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.KeyId;

    /// <summary>The page's HTML once <paramref name="ready"/> holds (a record reaches the console just after the SDK's answer).</summary>
    private Task<string> Page(string path, Func<string, bool> ready) => LiveSupport.Eventually(() => _http.GetStringAsync(path), ready);

    /// <summary>The event names of the page's rows, top (newest) first.</summary>
    private static List<string> EventNames(string html) =>
        RowEventName().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private static async Task<JsonElement> NextRecord(StreamReader reader, CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
            if (line.StartsWith("data: ", StringComparison.Ordinal))
                return JsonDocument.Parse(line["data: ".Length..]).RootElement;
        throw new InvalidOperationException("The stream ended before a record.");
    }

    [GeneratedRegex("<tr[^>]* data-event-name=\"([^\"]+)\"")]
    private static partial Regex RowEventName();

    public void Dispose() => _http.Dispose();
}
