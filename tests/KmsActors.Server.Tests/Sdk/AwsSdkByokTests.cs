using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Server.Tests.Support;
using KmsActors.TestKit.Byok;
using KmsModel = KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>The AWS SDK for .NET, unchanged, against the server and the real engine.</summary>
public sealed class AwsSdkByokTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private static MemoryStream Stream(byte[] bytes) => new(bytes);

    [Fact]
    public async Task an_external_key_is_created_pending_import_with_its_metadata()
    {
        using var kms = fixture.Client();
        var before = DateTime.UtcNow.AddSeconds(-5);

        var created = await kms.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL, Description = "byok" });

        var metadata = (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = created.KeyMetadata.KeyId })).KeyMetadata;
        Assert.Equal(KeyState.PendingImport, metadata.KeyState);
        Assert.Equal(OriginType.EXTERNAL, metadata.Origin);
        Assert.False(metadata.Enabled);
        Assert.Equal("byok", metadata.Description);
        Assert.Equal("111122223333", metadata.AWSAccountId);
        Assert.Equal($"arn:aws:kms:us-east-1:111122223333:key/{metadata.KeyId}", metadata.Arn);
        Assert.Equal(KeyUsageType.ENCRYPT_DECRYPT, metadata.KeyUsage);
        Assert.Equal(KeySpec.SYMMETRIC_DEFAULT, metadata.KeySpec);
        Assert.Equal(KeyManagerType.CUSTOMER, metadata.KeyManager);
        Assert.Equal([EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT], metadata.EncryptionAlgorithms);
        Assert.InRange(metadata.CreationDate!.Value.ToUniversalTime(), before, DateTime.UtcNow.AddSeconds(5));
        Assert.Null(metadata.ExpirationModel);
    }

    [Fact]
    public async Task key_material_imported_through_the_sdk_encrypts_and_decrypts()
    {
        using var kms = fixture.Client();
        var keyId = (await kms.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata.KeyId;

        var parameters = await kms.GetParametersForImportAsync(new GetParametersForImportRequest
        {
            KeyId = keyId,
            WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256,
            WrappingKeySpec = WrappingKeySpec.RSA_2048,
        });
        Assert.Equal($"arn:aws:kms:us-east-1:111122223333:key/{keyId}", parameters.KeyId);
        Assert.InRange(parameters.ParametersValidTo!.Value.ToUniversalTime(), DateTime.UtcNow.AddHours(23), DateTime.UtcNow.AddHours(25));

        var material = KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT);
        var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey.ToArray(), KmsModel.AlgorithmSpec.RSAES_OAEP_SHA_256, material);
        var imported = await kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
        {
            KeyId = keyId,
            ImportToken = Stream(parameters.ImportToken.ToArray()),
            EncryptedKeyMaterial = Stream(wrapped),
            ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
        });
        Assert.Equal(64, imported.KeyMaterialId.Length);

        var metadata = (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata;
        Assert.Equal(KeyState.Enabled, metadata.KeyState);
        Assert.Equal(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE, metadata.ExpirationModel);
        Assert.Equal(imported.KeyMaterialId, metadata.CurrentKeyMaterialId);

        var context = new Dictionary<string, string> { ["purpose"] = "server-test" };
        var encrypted = await kms.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = Stream("hello, byok"u8.ToArray()), EncryptionContext = context });
        var decrypted = await kms.DecryptAsync(new DecryptRequest { CiphertextBlob = Stream(encrypted.CiphertextBlob.ToArray()), EncryptionContext = context });
        Assert.Equal("hello, byok"u8.ToArray(), decrypted.Plaintext.ToArray());
        Assert.Equal(metadata.Arn, decrypted.KeyId);
    }

    [Fact]
    public async Task an_unknown_key_surfaces_as_the_sdks_not_found_exception()
    {
        using var kms = fixture.Client();
        var keyId = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId }));

        Assert.Contains(keyId, error.Message);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task encrypt_under_a_key_pending_import_is_the_sdks_invalid_state_exception()
    {
        using var kms = fixture.Client();
        var keyId = (await kms.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata.KeyId;

        var error = await Assert.ThrowsAsync<KMSInvalidStateException>(() => kms.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = Stream([1]) }));

        Assert.EndsWith("is pending import.", error.Message);
    }

    [Fact]
    public async Task the_signing_region_is_the_keys_region()
    {
        using var frankfurt = fixture.Client("eu-central-1");
        using var virginia = fixture.Client("us-east-1");

        var arn = (await frankfurt.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata.Arn;

        Assert.StartsWith("arn:aws:kms:eu-central-1:111122223333:key/", arn);
        Assert.DoesNotContain((await virginia.ListKeysAsync(new ListKeysRequest { Limit = 1000 })).Keys, key => key.KeyArn == arn);
        await Assert.ThrowsAsync<NotFoundException>(() => virginia.DescribeKeyAsync(new DescribeKeyRequest { KeyId = arn }));
    }

    [Fact]
    public async Task every_operation_answers_json_and_never_a_server_error()
    {
        foreach (var operation in KmsModel.KmsOperations.All)
        {
            var response = await fixture.Server.PostAsync(operation, "{}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"{operation} answered {(int)response.StatusCode}: {body}");
            using var json = System.Text.Json.JsonDocument.Parse(body);
            Assert.Equal(System.Text.Json.JsonValueKind.Object, json.RootElement.ValueKind);
        }
    }
}
