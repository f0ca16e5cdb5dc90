using System.Text;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>The audit trail of a BYOK run: one CloudTrail-shaped record per API call, failures included, and no secret in any record (docs/audit.md).</summary>
public sealed class AuditTrailTests : EngineTestBase
{
    [Fact]
    public async Task every_api_call_leaves_one_record_and_failures_carry_the_error()
    {
        var calls = 0;
        var failures = new List<KmsException>();
        async Task Call(Func<Task> call)
        {
            calls++;
            try
            {
                await call();
            }
            catch (KmsException e)
            {
                failures.Add(e);
            }
        }

        var key = await CreateExternalKey();
        calls++;
        await Call(() => Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [1] }));
        await Call(() => Parameters("alias/nothing"));
        await Call(() => Engine.DescribeKey(new DescribeKeyRequest { KeyId = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }));
        await Call(async () => { await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT)); calls++; });
        await Call(() => Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [1] }));
        await Call(() => Engine.EnableKey(new EnableKeyRequest { KeyId = key.KeyId }));
        await Call(() => Engine.CancelKeyDeletion(new CancelKeyDeletionRequest { KeyId = key.KeyId }));
        await Call(() => Engine.ListKeys(new ListKeysRequest()));
        await AssertAudited(() => Audit.Records.Count(r => r.EventType == AuditRecord.ApiCall) >= calls);

        var apiCalls = Audit.Records.Where(r => r.EventType == AuditRecord.ApiCall).ToList();
        Assert.Equal(calls, apiCalls.Count);
        Assert.Equal(
            ["CreateKey", "Encrypt", "GetParametersForImport", "DescribeKey", "GetParametersForImport", "ImportKeyMaterial", "Encrypt", "EnableKey", "CancelKeyDeletion", "ListKeys"],
            apiCalls.Select(r => r.EventName));
        Assert.Equal(failures.Select(f => (f.ErrorCode, f.Message)), apiCalls.Where(r => r.ErrorCode is not null).Select(r => (r.ErrorCode!, r.ErrorMessage!)));
        Assert.Equal(4, failures.Count);
        Assert.All(apiCalls, r => Assert.False(string.IsNullOrEmpty(r.RequestID)));
        Assert.All(apiCalls.Where(r => r.ErrorCode is not null), r => Assert.Null(r.ResponseElements));
        var import = Assert.Single(apiCalls, r => r.EventName == "ImportKeyMaterial");
        Assert.Equal(key.Arn, import.Resources.Single().Arn);
        Assert.Null(Assert.Single(apiCalls, r => r.EventName == "GetParametersForImport" && r.ErrorCode is null).ResponseElements);
        Assert.True(Assert.Single(apiCalls, r => r.EventName == "GetParametersForImport" && r.ErrorCode is null).ReadOnly);
    }

    [Fact]
    public async Task no_record_of_a_full_byok_run_contains_a_secret()
    {
        var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var hmacMaterial = KeyMaterial.Create(KeySpec.HMAC_256);
        var plaintext = Encoding.UTF8.GetBytes("top secret plaintext 0123456789");
        var secrets = new List<byte[]> { material, hmacMaterial, plaintext };

        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId!);
        var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material);
        secrets.Add(parameters.ImportToken!);
        secrets.Add(wrapped);
        await Engine.ImportKeyMaterial(Request(key.KeyId!, parameters, wrapped, EngineNow.AddDays(1)));
        var encrypted = await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = plaintext, EncryptionContext = Context("audit") });
        await Engine.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob, EncryptionContext = Context("audit") });
        var dataKey = await Engine.GenerateDataKey(new GenerateDataKeyRequest { KeyId = key.KeyId, KeySpec = DataKeySpec.AES_256 });
        secrets.Add(dataKey.Plaintext!);
        var random = await Engine.GenerateRandom(new GenerateRandomRequest { NumberOfBytes = 32 });
        secrets.Add(random.Plaintext!);
        var (other, _) = await ImportedKey();
        await Engine.ReEncrypt(new ReEncryptRequest { CiphertextBlob = encrypted.CiphertextBlob, SourceEncryptionContext = Context("audit"), DestinationKeyId = other.KeyId });
        var hmac = await CreateExternalKey(KeySpec.HMAC_256);
        var hmacParameters = await Parameters(hmac.KeyId!, AlgorithmSpec.RSAES_OAEP_SHA_1);
        secrets.Add(hmacParameters.ImportToken!);
        await Engine.ImportKeyMaterial(Request(hmac.KeyId!, hmacParameters, KeyMaterialWrapper.Wrap(hmacParameters.PublicKey!, AlgorithmSpec.RSAES_OAEP_SHA_1, hmacMaterial)));
        await Engine.GenerateMac(new GenerateMacRequest { KeyId = hmac.KeyId, Message = plaintext, MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 });
        await Engine.DeleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest { KeyId = hmac.KeyId });
        await AssertRefused(() => Engine.ImportKeyMaterial(Request(hmac.KeyId!, hmacParameters, wrapped)), KmsErrorCodes.InvalidImportTokenException);
        await AdvanceAsync(TimeSpan.FromDays(2)); // the symmetric material expires: a service event too
        await SingleAudit("DeleteExpiredKeyMaterial");
        await AssertAudited(() => Audit.Named("GenerateMac").Any());

        var rendered = Audit.Records.Select(r => AuditJson.Render(r)).ToList();
        Assert.True(rendered.Count >= 15);
        foreach (var secret in secrets)
        {
            foreach (var form in Forms(secret))
                Assert.DoesNotContain(rendered, json => json.Contains(form, StringComparison.Ordinal));
        }
    }

    /// <summary>The ways a byte string can appear in JSON: base64 (standard and URL-safe, also from the middle of a
    /// longer value), hex in both cases, and the UTF-8 text itself when it is text.</summary>
    private static IEnumerable<string> Forms(byte[] secret)
    {
        // Any 3-byte-aligned 24-byte window base64-encodes the same wherever it sits in a longer value.
        for (var offset = 0; offset < 3 && offset + 24 <= secret.Length; offset++)
        {
            var window = Convert.ToBase64String(secret, offset, 24);
            yield return window;
            yield return window.Replace('+', '-').Replace('/', '_');
        }
        yield return Convert.ToBase64String(secret).TrimEnd('=');
        yield return Convert.ToHexString(secret);
        yield return Convert.ToHexStringLower(secret);
        var text = Encoding.UTF8.GetString(secret);
        if (text.All(c => !char.IsControl(c) && c != '\uFFFD'))
            yield return text;
    }
}
