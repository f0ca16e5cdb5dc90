using System.IO.Compression;
using Amazon.KeyManagementService.Model;
using KmsActors.Console.Tests.Support;
using OpenQA.Selenium;
using Sdk = Amazon.KeyManagementService;

namespace KmsActors.Console.Tests.Byok;

/// <summary>
/// The steps of AWS's BYOK procedures as a person takes them in the console (docs/console.md), each a method, so a
/// test reads as the procedure. The whole procedure starts in the Create key wizard (<see cref="CreateExternalKeyInWizard"/>);
/// the refusal tests, which are about the upload, make their keys through the SDK (a wizard run costs seconds each).
/// </summary>
internal sealed class MaterialSteps(ConsoleFixture fixture)
{
    private Browser Browser => fixture.Browser;

    public Sdk.IAmazonKeyManagementService Kms => fixture.Server.Kms;

    /// <summary>A symmetric key with key material origin External (PendingImport).</summary>
    public async Task<string> CreateExternalKey() =>
        (await Kms.CreateKeyAsync(new CreateKeyRequest { Origin = Sdk.OriginType.EXTERNAL, Description = "console BYOK test" })).KeyMetadata.KeyId;

    /// <summary>Create key → Advanced options → Key material origin External, the acknowledgement, an alias → Finish; the
    /// key's ID as its General configuration page shows it.</summary>
    public string CreateExternalKeyInWizard(string alias)
    {
        Browser.GoTo(fixture.Server.Url("/console/keys?region=us-east-1"));
        Browser.Find(By.Id("create-key")).Click();
        Browser.WaitFor(d => d.FindElements(By.Id("create-key-form")).Count > 0);
        Browser.Find(By.CssSelector("#advanced-options > summary")).Click();
        Browser.Find(By.Id("origin-EXTERNAL")).Click();
        Browser.Find(By.Id("acknowledged")).Click();
        Browser.Find(By.Id("alias")).SendKeys(alias);
        Browser.Find(By.Id("description")).SendKeys("console BYOK test");
        Browser.Find(By.Id("finish")).Click();
        Browser.WaitFor(d => d.FindElements(By.Id("general-configuration")).Count > 0);
        return Browser.Find(By.Id("general-arn")).Text.Split('/')[^1];
    }

    public void OpenMaterialTab(string keyId) => Browser.GoTo(fixture.Server.Url($"/console/keys/{keyId}/material?region=us-east-1"));

    /// <summary>Download wrapping key and import token through the page; reads ImportParameters.zip from the download folder.</summary>
    public DownloadedParameters DownloadWrappingKeyAndToken(string keyId, string spec, string algorithm, string? screenshot = null)
    {
        OpenMaterialTab(keyId);
        Browser.Find(By.Id("download-wrapping-key")).Click();
        Browser.WaitFor(d => d.FindElements(By.Id("download-form")).Count > 0);
        new OpenQA.Selenium.Support.UI.SelectElement(Browser.Find(By.Id("WrappingKeySpec"))).SelectByValue(spec);
        new OpenQA.Selenium.Support.UI.SelectElement(Browser.Find(By.Id("WrappingAlgorithm"))).SelectByValue(algorithm);
        if (screenshot is not null)
            Browser.Screenshot(screenshot);
        foreach (var old in Directory.GetFiles(Browser.DownloadDirectory))
            File.Delete(old);
        var zipPath = Path.Combine(Browser.DownloadDirectory, "ImportParameters.zip");
        Browser.Find(By.Id("download")).Click();
        // Real time: the browser writes the download (…crdownload, then the name); the engine's clock plays no part.
        Browser.WaitFor(_ => File.Exists(zipPath), seconds: 20);
        using var zip = ZipFile.OpenRead(zipPath);
        return new DownloadedParameters(
            zip.Entries.Select(e => e.FullName).ToList(),
            Read(zip, $"wrappingKey_{keyId}"), Read(zip, $"importToken_{keyId}"),
            System.Text.Encoding.UTF8.GetString(Read(zip, $"README_{keyId}.txt")));
    }

    /// <summary>Upload key material: chooses the files (null: none chosen), the expiration option, then Upload.</summary>
    public void UploadKeyMaterial(string keyId, byte[]? wrappedMaterial, byte[]? importToken, string? validTo, string? screenshot = null,
        bool liftPickerLimit = false, Action? fill = null)
    {
        OpenMaterialTab(keyId);
        Browser.Find(By.Id("upload-key-material")).Click();
        FillUpload(wrappedMaterial, importToken, validTo, liftPickerLimit);
        fill?.Invoke();
        if (screenshot is not null)
            Browser.Screenshot(screenshot);
        Browser.Find(By.Id("upload")).Click();
        WaitForOutcome();
    }

    /// <summary>Waits for the refusal or the notice after a form; on a timeout says what the page showed instead.</summary>
    private void WaitForOutcome()
    {
        try
        {
            Browser.WaitFor(d => d.FindElements(By.Id("aws-error")).Count > 0 || d.FindElements(By.Id("notice")).Count > 0);
        }
        catch (WebDriverTimeoutException timeout)
        {
            var shown = Browser.Find(By.TagName("body")).Text;
            throw new InvalidOperationException($"No refusal or notice at {Browser.Driver.Url}: {shown[..Math.Min(shown.Length, 3000)]}", timeout);
        }
    }

    public void FillUpload(byte[]? wrappedMaterial, byte[]? importToken, string? validTo, bool liftPickerLimit = false)
    {
        Browser.WaitFor(d => d.FindElements(By.Id("upload-form")).Count > 0);
        if (wrappedMaterial is not null)
            Browser.Find(By.Id("EncryptedKeyMaterial")).SendKeys(TempFile("EncryptedKeyMaterial.bin", wrappedMaterial));
        if (importToken is not null)
            Browser.Find(By.Id("ImportToken")).SendKeys(TempFile("ImportToken.bin", importToken));
        if (validTo is null)
        {
            Browser.Find(By.Id("does-not-expire")).Click();
            return;
        }
        Browser.Find(By.Id("expires")).Click();
        var picker = Browser.Find(By.Id("ValidTo"));
        // The picker's max stops a date beyond 365 days in the browser; lifting it sends the date as a crafted request would.
        if (liftPickerLimit)
            Browser.Driver.ExecuteScript("arguments[0].removeAttribute('max')", picker);
        Browser.Driver.ExecuteScript("arguments[0].value = arguments[1]", picker, validTo);
    }

    /// <summary>Delete key material: the tab's button, the confirmation, Delete.</summary>
    public void DeleteKeyMaterial(string keyId)
    {
        OpenMaterialTab(keyId);
        Browser.Find(By.Id("delete-key-material")).Click();
        Browser.WaitFor(d => d.FindElements(By.Id("delete-form")).Count > 0);
        Browser.Find(By.Id("Confirm")).Click();
        Browser.Find(By.Id("delete")).Click();
        WaitForOutcome();
    }

    public string ShownState => Browser.Find(By.Id("key-status")).GetAttribute("data-state") ?? "";

    public (string Code, string Message) ShownError =>
        (Browser.Find(By.CssSelector("#aws-error .error-code")).Text, Browser.Find(By.CssSelector("#aws-error .error-message")).Text);

    public async Task<KeyMetadata> Describe(string keyId) => (await Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata;

    private string TempFile(string name, byte[] bytes)
    {
        // Under the browser's own folder (removed with the browser), in a folder of its own per file: uploads never clash.
        var directory = Directory.CreateDirectory(Path.Combine(Browser.DownloadDirectory, "uploads", Guid.NewGuid().ToString("N"))).FullName;
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"{name} is not in the zip ({string.Join(", ", zip.Entries.Select(e => e.FullName))}).");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

internal sealed record DownloadedParameters(IReadOnlyList<string> Entries, byte[] PublicKey, byte[] ImportToken, string Readme);
