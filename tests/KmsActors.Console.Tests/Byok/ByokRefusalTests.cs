using System.Globalization;
using Amazon.KeyManagementService.Model;
using KmsActors.Console.Tests.Support;
using KmsActors.TestKit.Byok;
using OpenQA.Selenium;
using KmsModel = KmsActors.Kms.Model;
using Sdk = Amazon.KeyManagementService;

namespace KmsActors.Console.Tests.Byok;

/// <summary>
/// Upload key material refused (docs/console.md, docs/byok.md): each shows AWS's error name and message, keeps the
/// expiration choices, and leaves the key as it was (DescribeKey through the SDK before and after). The wrapping key and
/// token come from GetParametersForImport through the SDK here; ByokFlowTests downloads them through the page.
/// </summary>
[Collection(ByokConsole.Name)]
public sealed class ByokRefusalTests(VirtualTimeConsoleFixture fixture)
{
    private readonly MaterialSteps _steps = new(fixture);

    private Browser Browser => fixture.Browser;

    [Fact]
    public async Task upload_with_the_token_of_another_key_is_refused()
    {
        var keyId = await _steps.CreateExternalKey();
        var other = await _steps.CreateExternalKey();
        var (publicKey, _) = await Parameters(keyId);
        var (_, otherToken) = await Parameters(other);

        await AssertRefused(keyId, Wrap(publicKey, Material()), otherToken, validTo: null,
            "InvalidImportTokenException", "The import token is invalid or was issued for another KMS key.");
    }

    [Fact]
    public async Task upload_of_different_material_is_refused()
    {
        var keyId = await _steps.CreateExternalKey();
        await Import(keyId, Material());
        var (publicKey, token) = await Parameters(keyId);

        await AssertRefused(keyId, Wrap(publicKey, Material()), token, validTo: null,
            "IncorrectKeyMaterialException", "The key material does not match the key material previously imported into");
    }

    [Fact]
    public async Task upload_with_valid_to_beyond_365_days_is_refused_and_keeps_the_chosen_date()
    {
        var keyId = await _steps.CreateExternalKey();
        var (publicKey, token) = await Parameters(keyId);
        var tooLate = DateTimeOffset.UtcNow.AddDays(400).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        await AssertRefused(keyId, Wrap(publicKey, Material()), token, tooLate,
            "ValidationException", "The validTo date must be no more than 365 days from the current date.", liftPickerLimit: true,
            fill: () =>
            {
                new OpenQA.Selenium.Support.UI.SelectElement(Browser.Find(By.Id("ImportType"))).SelectByValue("NEW_KEY_MATERIAL");
                Browser.Find(By.Id("KeyMaterialDescription")).SendKeys("quarterly");
            });

        Assert.True(Browser.Find(By.Id("expires")).Selected);
        Assert.Equal("NEW_KEY_MATERIAL", new OpenQA.Selenium.Support.UI.SelectElement(Browser.Find(By.Id("ImportType"))).SelectedOption.GetAttribute("value"));
        Assert.Equal("quarterly", Browser.Find(By.Id("KeyMaterialDescription")).GetAttribute("value"));
        Assert.Equal(tooLate, Browser.Find(By.Id("ValidTo")).GetAttribute("value"));
    }

    [Fact]
    public async Task upload_wrapped_with_another_algorithm_than_the_downloaded_key_is_refused()
    {
        var keyId = await _steps.CreateExternalKey();
        var (publicKey, token) = await Parameters(keyId); // RSAES_OAEP_SHA_256
        var wrappedWithSha1 = KeyMaterialWrapper.Wrap(publicKey, KmsModel.AlgorithmSpec.RSAES_OAEP_SHA_1, Material());

        await AssertRefused(keyId, wrappedWithSha1, token, validTo: null, "InvalidCiphertextException", null);
    }

    [Fact]
    public async Task a_file_larger_than_the_model_allows_is_refused_with_the_models_constraint()
    {
        var keyId = await _steps.CreateExternalKey();
        var (_, token) = await Parameters(keyId);

        await AssertRefused(keyId, new byte[7000], token, validTo: null, "ValidationException",
            "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=7000 cap=7000]' at 'encryptedKeyMaterial' failed to satisfy constraint: Member must have length less than or equal to 6144");
    }

    [Fact]
    public async Task a_file_beyond_the_pages_request_limit_is_refused_as_aws_refuses_a_large_member()
    {
        var keyId = await _steps.CreateExternalKey();
        var (_, token) = await Parameters(keyId);

        await AssertRefused(keyId, new byte[40_000], token, validTo: null, "ValidationException",
            "1 validation error detected: Value at 'encryptedKeyMaterial' failed to satisfy constraint: Member must have length less than or equal to 6144");
    }

    [Fact]
    public async Task upload_without_a_file_is_refused_as_a_missing_member()
    {
        var keyId = await _steps.CreateExternalKey();
        var (_, token) = await Parameters(keyId);

        await AssertRefused(keyId, wrapped: null, token, validTo: null, "ValidationException",
            "1 validation error detected: Value null at 'encryptedKeyMaterial' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task delete_without_the_confirmation_deletes_nothing()
    {
        var keyId = await _steps.CreateExternalKey();
        await Import(keyId, Material());
        _steps.OpenMaterialTab(keyId);
        Browser.Find(By.Id("delete-key-material")).Click();
        Browser.WaitFor(d => d.FindElements(By.Id("delete-form")).Count > 0);

        Browser.Find(By.Id("delete")).Click();

        Assert.Equal("Confirm that you want to delete the key material.", Browser.WaitFor(d => d.FindElement(By.Id("confirm-missing"))).Text);
        Assert.Equal(Sdk.KeyState.Enabled, (await _steps.Describe(keyId)).KeyState);
    }

    [Fact]
    public async Task upload_with_a_token_past_its_24_hours_is_refused_as_expired_and_changes_nothing()
    {
        var keyId = await _steps.CreateExternalKey();
        var downloaded = _steps.DownloadWrappingKeyAndToken(keyId, "RSA_2048", "RSAES_OAEP_SHA_256");
        await fixture.AdvanceAsync(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        await AssertRefused(keyId, Wrap(downloaded.PublicKey, Material()), downloaded.ImportToken, validTo: null,
            "ExpiredImportTokenException", "The import token expired at ", fill: () => Browser.Find(By.Id("KeyMaterialDescription")).SendKeys("late"));

        Assert.EndsWith("Call GetParametersForImport for a new public key and import token.", _steps.ShownError.Message, StringComparison.Ordinal);
        Assert.Equal("late", Browser.Find(By.Id("KeyMaterialDescription")).GetAttribute("value"));
        Assert.True(Browser.Find(By.Id("does-not-expire")).Selected);
        Assert.Equal(Sdk.KeyState.PendingImport, (await _steps.Describe(keyId)).KeyState);
    }

    private async Task AssertRefused(string keyId, byte[]? wrapped, byte[]? token, string? validTo, string code, string? message, bool liftPickerLimit = false,
        Action? fill = null)
    {
        var before = await _steps.Describe(keyId);

        _steps.UploadKeyMaterial(keyId, wrapped, token, validTo, liftPickerLimit: liftPickerLimit, fill: fill);

        var (shownCode, shownMessage) = _steps.ShownError;
        Assert.Equal(code, shownCode);
        if (message is not null)
            Assert.StartsWith(message, shownMessage, StringComparison.Ordinal);
        Assert.NotNull(Browser.Find(By.Id("upload-form")));
        var after = await _steps.Describe(keyId);
        Assert.Equal(before.KeyState, after.KeyState);
        Assert.Equal(before.ValidTo, after.ValidTo);
        Assert.Equal(before.ExpirationModel, after.ExpirationModel);
        Assert.Equal(before.CurrentKeyMaterialId, after.CurrentKeyMaterialId);
    }

    private async Task<(byte[] PublicKey, byte[] Token)> Parameters(string keyId)
    {
        var parameters = await _steps.Kms.GetParametersForImportAsync(new GetParametersForImportRequest
        {
            KeyId = keyId, WrappingKeySpec = Sdk.WrappingKeySpec.RSA_2048, WrappingAlgorithm = Sdk.AlgorithmSpec.RSAES_OAEP_SHA_256,
        });
        return (parameters.PublicKey.ToArray(), parameters.ImportToken.ToArray());
    }

    private async Task Import(string keyId, byte[] material)
    {
        var (publicKey, token) = await Parameters(keyId);
        await _steps.Kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
        {
            KeyId = keyId, EncryptedKeyMaterial = new MemoryStream(Wrap(publicKey, material)), ImportToken = new MemoryStream(token),
            ExpirationModel = Sdk.ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
        });
    }

    private static byte[] Material() => KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT);

    private static byte[] Wrap(byte[] publicKey, byte[] material) => KeyMaterialWrapper.Wrap(publicKey, KmsModel.AlgorithmSpec.RSAES_OAEP_SHA_256, material);
}
