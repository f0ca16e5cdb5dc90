using System.Globalization;
using Amazon.KeyManagementService.Model;
using KmsActors.Console.Tests.Support;
using KmsActors.Hosting;
using Microsoft.Extensions.DependencyInjection;
using KmsActors.TestKit.Byok;
using OpenQA.Selenium;
using KmsModel = KmsActors.Kms.Model;
using Sdk = Amazon.KeyManagementService;

namespace KmsActors.Console.Tests.Byok;

/// <summary>
/// The whole BYOK procedure of AWS's documents through the console (docs/console.md, docs/byok.md): an External key made
/// in the Create key wizard,
/// Download wrapping key and import token (the test reads the zip), the material wrapped in the test, Upload key material
/// with an expiry, Enabled with a countdown, Encrypt through the SDK, Delete key material → Pending import, reimport of
/// the same material → Enabled, the old ciphertext decrypts, and the Audit page lists each of those calls for the key.
/// </summary>
[Collection(ByokConsole.Name)]
public sealed class ByokFlowTests(VirtualTimeConsoleFixture fixture)
{
    private readonly MaterialSteps _steps = new(fixture);

    private Browser Browser => fixture.Browser;

    [Fact]
    public async Task an_external_key_is_imported_used_deleted_and_reimported_through_the_console()
    {
        var keyId = _steps.CreateExternalKeyInWizard("byok-flow");
        Assert.Equal(Sdk.OriginType.EXTERNAL, (await _steps.Describe(keyId)).Origin);
        _steps.OpenMaterialTab(keyId);
        Assert.Equal("PendingImport", _steps.ShownState);
        Assert.Equal("alias/byok-flow", Browser.Find(By.Id("key-title")).Text);
        Assert.Equal("Pending import", Browser.Find(By.Id("import-state")).Text);

        var downloaded = _steps.DownloadWrappingKeyAndToken(keyId, "RSA_2048", "RSAES_OAEP_SHA_256", screenshot: "download-wrapping-key");
        Assert.Equal([$"wrappingKey_{keyId}", $"importToken_{keyId}", $"README_{keyId}.txt"], downloaded.Entries);
        Assert.Contains("RSAES_OAEP_SHA_256", downloaded.Readme, StringComparison.Ordinal);
        Assert.Matches(@"Expires at: +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", downloaded.Readme);

        var material = KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT);
        var wrapped = KeyMaterialWrapper.Wrap(downloaded.PublicKey, KmsModel.AlgorithmSpec.RSAES_OAEP_SHA_256, material);
        var validTo = fixture.Scheduler.Now.ToUniversalTime().AddDays(30);
        var validToMinute = new DateTimeOffset(validTo.Year, validTo.Month, validTo.Day, validTo.Hour, validTo.Minute, 0, TimeSpan.Zero);
        _steps.UploadKeyMaterial(keyId, wrapped, downloaded.ImportToken, validToMinute.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            screenshot: "upload-key-material");

        Assert.Equal("Key material imported.", Browser.Find(By.Id("notice")).Text);
        Assert.Equal("Enabled", _steps.ShownState);
        Assert.Equal("KEY_MATERIAL_EXPIRES", Browser.Find(By.Id("expiration-model")).Text);
        Assert.Equal(validToMinute.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture), Browser.Find(By.Id("valid-to")).Text);
        var countdown = Browser.Find(By.Id("countdown"));
        var secondsLeft = long.Parse(countdown.GetAttribute("data-seconds-left")!, CultureInfo.InvariantCulture);
        // The engine's clock stands still (virtual time): the page's figure is exactly the seconds from its now to ValidTo.
        Assert.Equal((long)Math.Floor((validToMinute - fixture.Scheduler.Now).TotalSeconds), secondsLeft);
        // The script counts down from the rendered figure: its text is "29 days hh:mm:ss" and its seconds never exceed the render's.
        Browser.WaitFor(_ => countdown.GetAttribute("data-seconds-now") is not null);
        Assert.Matches(@"^(29|30) days \d\d:\d\d:\d\d$", countdown.Text);
        Assert.True(long.Parse(countdown.GetAttribute("data-seconds-now")!, CultureInfo.InvariantCulture) <= secondsLeft);
        var described = await _steps.Describe(keyId);
        Assert.Equal(Sdk.KeyState.Enabled, described.KeyState);
        Assert.Equal(validToMinute, new DateTimeOffset(described.ValidTo!.Value.ToUniversalTime(), TimeSpan.Zero));
        Assert.Equal(described.CurrentKeyMaterialId, Browser.Find(By.Id("current-key-material-id")).Text);
        Assert.Contains("IMPORTED", Browser.Find(By.Id("key-materials")).Text, StringComparison.Ordinal);
        Browser.Screenshot("key-material");

        var plaintext = "console BYOK"u8.ToArray();
        var encrypted = await _steps.Kms.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = new MemoryStream(plaintext) });

        _steps.DeleteKeyMaterial(keyId);
        Assert.StartsWith("Key material deleted.", Browser.Find(By.Id("notice")).Text, StringComparison.Ordinal);
        Assert.Equal("PendingImport", _steps.ShownState);
        Assert.Equal(Sdk.KeyState.PendingImport, (await _steps.Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata.KeyState);

        var again = _steps.DownloadWrappingKeyAndToken(keyId, "RSA_2048", "RSAES_OAEP_SHA_1");
        _steps.UploadKeyMaterial(keyId, KeyMaterialWrapper.Wrap(again.PublicKey, KmsModel.AlgorithmSpec.RSAES_OAEP_SHA_1, material), again.ImportToken, validTo: null);

        Assert.Equal("Enabled", _steps.ShownState);
        Assert.Equal("KEY_MATERIAL_DOES_NOT_EXPIRE", Browser.Find(By.Id("expiration-model")).Text);
        Assert.Empty(Browser.FindAll(By.Id("countdown")));
        var decrypted = await _steps.Kms.DecryptAsync(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob });
        Assert.Equal(plaintext, decrypted.Plaintext.ToArray());

        // Each step is an audited call on the key; the Audit page (filtered to the key) lists them, newest first.
        string[] steps = ["CreateKey", "GetParametersForImport", "ImportKeyMaterial", "Encrypt", "DeleteImportedKeyMaterial"];
        Browser.GoTo(fixture.Server.Url($"/console/audit?region=us-east-1&key={keyId}"));
        var shown = await LiveSupport.Eventually(
            () => Task.FromResult(Browser.FindAll(By.CssSelector("#audit-events tbody tr")).Select(r => r.GetAttribute("data-event-name")).ToList()),
            names => steps.All(names.Contains) || Reload());
        Assert.All(steps, step => Assert.Contains(step, shown));
        Assert.Equal(2, shown.Count(n => n == "ImportKeyMaterial"));
        Assert.Equal(2, shown.Count(n => n == "GetParametersForImport"));
        Assert.Equal("DeleteImportedKeyMaterial", shown.SkipWhile(n => n != "DeleteImportedKeyMaterial").First());
        Assert.True(shown.IndexOf("CreateKey") > shown.IndexOf("Encrypt"), "newest first: CreateKey below Encrypt");
    }

    /// <summary>Renders the Audit page again (its history is read at render; the stream only adds to an open page).</summary>
    private bool Reload()
    {
        Browser.Driver.Navigate().Refresh();
        return false;
    }

    [Fact]
    public async Task the_download_page_offers_the_wrapping_choices_of_the_region()
    {
        var keyId = await _steps.CreateExternalKey();
        Browser.GoTo(fixture.Server.Url($"/console/keys/{keyId}/material/download?region=us-east-1"));

        var specs = new OpenQA.Selenium.Support.UI.SelectElement(Browser.Find(By.Id("WrappingKeySpec"))).Options.Select(o => o.GetAttribute("value"));
        var algorithms = new OpenQA.Selenium.Support.UI.SelectElement(Browser.Find(By.Id("WrappingAlgorithm"))).Options.Select(o => o.GetAttribute("value"));

        Assert.Equal(["RSA_2048", "RSA_3072", "RSA_4096"], specs);
        Assert.Equal(["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256"], algorithms);
    }
    [Fact]
    public async Task the_download_is_an_audited_get_parameters_for_import_of_the_console_principal()
    {
        var keyId = await _steps.CreateExternalKey();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var trail = fixture.Server.Services.GetRequiredService<IKmsClient>().AuditTrail(timeout.Token).GetAsyncEnumerator(timeout.Token);

        _steps.DownloadWrappingKeyAndToken(keyId, "RSA_2048", "RSA_AES_KEY_WRAP_SHA_256");

        while (await trail.MoveNextAsync() && !(trail.Current.EventName == "GetParametersForImport"
            && trail.Current.Resources.Any(r => r.Arn.EndsWith(keyId, StringComparison.Ordinal))))
        {
        }
        var record = trail.Current;
        Assert.Equal("KmsActors console", record.UserAgent);
        Assert.Equal("arn:aws:iam::111122223333:root", record.UserIdentity.Arn);
        Assert.Equal("RSA_AES_KEY_WRAP_SHA_256", record.RequestParameters!["wrappingAlgorithm"]?.ToString());
        Assert.Null(record.ErrorCode);
    }
}
