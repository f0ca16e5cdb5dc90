using KmsActors.Kms.Model;
using KmsActors.Kms.Realism;

namespace KmsActors.Kms.Tests.Realism;

/// <summary>kms.realism.quotas: AWS's request quotas as token buckets on the engine's (virtual) clock.</summary>
public sealed class RequestQuotaTests() : RealismTestBase("""
    kms.realism.quotas {
      enabled = on
      shared { symmetric = 3, rsa = 2 }
      operations { GetParametersForImport = 0.25, CreateKey = 100 }
      data-key-pairs { RSA_2048 = 1 }
    }
    """)
{
    [Fact]
    public async Task get_parameters_for_import_is_allowed_once_per_four_seconds()
    {
        var keyId = await NewKey(origin: OriginType.EXTERNAL);
        var request = new GetParametersForImportRequest { KeyId = keyId, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048 };

        await Engine.GetParametersForImport(request);
        var throttled = await Refused(() => Engine.GetParametersForImport(request));
        await Clock.AdvanceAsync(TimeSpan.FromSeconds(3.9));
        var stillThrottled = await Refused(() => Engine.GetParametersForImport(request));
        await Clock.AdvanceAsync(TimeSpan.FromSeconds(0.1));
        var allowed = await Engine.GetParametersForImport(request);

        Assert.Equal((KmsErrorCodes.ThrottlingException, RequestQuotas.ThrottlingMessage), (throttled.ErrorCode, throttled.Message));
        Assert.Equal(KmsErrorCodes.ThrottlingException, stillThrottled.ErrorCode);
        Assert.NotNull(allowed.ImportToken);
    }

    [Fact]
    public async Task symmetric_calls_share_one_quota_that_refills_with_virtual_time()
    {
        var keyId = await NewKey();
        var macKey = await NewKey(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);

        await Engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = [1] });
        await Engine.GenerateDataKey(new GenerateDataKeyRequest { KeyId = keyId, KeySpec = DataKeySpec.AES_256 });
        await Engine.GenerateMac(new GenerateMacRequest { KeyId = macKey, Message = [1], MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 });
        var throttled = await Refused(() => Engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = [1] }));
        await Clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        var encrypted = await Engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = [1] });

        Assert.Equal(KmsErrorCodes.ThrottlingException, throttled.ErrorCode);
        Assert.NotEmpty(encrypted.CiphertextBlob!);
    }

    [Fact]
    public async Task rsa_calls_are_charged_to_the_rsa_quota_not_the_symmetric_one()
    {
        var keyId = await NewKey(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
        var sign = new SignRequest { KeyId = keyId, Message = [1, 2, 3], SigningAlgorithm = SigningAlgorithmSpec.RSASSA_PSS_SHA_256 };

        await Engine.Sign(sign);
        await Engine.Sign(sign);
        var throttled = await Refused(() => Engine.Sign(sign));
        var symmetricKey = await NewKey();
        var encrypted = await Engine.Encrypt(new EncryptRequest { KeyId = symmetricKey, Plaintext = [1] });

        Assert.Equal(KmsErrorCodes.ThrottlingException, throttled.ErrorCode);
        Assert.NotEmpty(encrypted.CiphertextBlob!);
    }

    [Fact]
    public void operations_without_a_configured_rate_are_not_limited()
    {
        var settings = new RealismSettings
        {
            QuotasEnabled = true,
            OperationQuotas = new Dictionary<string, double> { ["GetParametersForImport"] = 1 },
            SharedQuotas = new Dictionary<string, double> { ["rsa"] = 1 },
        };
        var quotas = new RequestQuotas(settings, new KnownKeys());

        Assert.Null(quotas.QuotaOf("ListKeyRotations", new ListKeyRotationsRequest { KeyId = "k" }));
        Assert.Null(quotas.QuotaOf("GenerateDataKeyPair", new GenerateDataKeyPairRequest { KeyId = "k", KeyPairSpec = DataKeyPairSpec.RSA_2048 }));
        Assert.Equal("GetParametersForImport", quotas.QuotaOf("GetParametersForImport", new GetParametersForImportRequest()));
        Assert.Equal("rsa", quotas.QuotaOf("Sign", new SignRequest { KeyId = "unknown" }));
    }

    [Fact]
    public void data_key_pairs_are_charged_to_the_quota_of_the_spec_asked_for_shared_by_both_operations()
    {
        var quotas = new RequestQuotas(RealismSettings.From(Sys.Settings.Config), new KnownKeys());

        Assert.Equal("GenerateDataKeyPair (RSA_2048)", quotas.QuotaOf("GenerateDataKeyPair", new GenerateDataKeyPairRequest { KeyId = "k", KeyPairSpec = DataKeyPairSpec.RSA_2048 }));
        Assert.Equal("GenerateDataKeyPair (RSA_2048)", quotas.QuotaOf("GenerateDataKeyPairWithoutPlaintext", new GenerateDataKeyPairWithoutPlaintextRequest { KeyId = "k", KeyPairSpec = DataKeyPairSpec.RSA_2048 }));
        Assert.Equal("GenerateDataKeyPair (ECC_NIST_P256)", quotas.QuotaOf("GenerateDataKeyPair", new GenerateDataKeyPairRequest { KeyId = "k", KeyPairSpec = DataKeyPairSpec.ECC_NIST_P256 }));
    }

    [Fact]
    public void ml_dsa_and_edwards_keys_are_charged_to_their_own_shared_quotas()
    {
        var keys = new KnownKeys();
        keys.Observe(new KeyMetadata { KeyId = "ml", KeySpec = KeySpec.ML_DSA_65 }, created: true, DateTimeOffset.UnixEpoch);
        keys.Observe(new KeyMetadata { KeyId = "ed", KeySpec = KeySpec.ECC_NIST_EDWARDS25519 }, created: true, DateTimeOffset.UnixEpoch);
        var quotas = new RequestQuotas(RealismSettings.From(Sys.Settings.Config), keys);

        Assert.Equal("ml-dsa", quotas.QuotaOf("Sign", new SignRequest { KeyId = "ml" }));
        Assert.Equal("ecc", quotas.QuotaOf("Verify", new VerifyRequest { KeyId = "ed" }));
    }

    [Fact]
    public async Task generate_data_key_pair_is_throttled_per_pair_spec_across_both_operations()
    {
        var keyId = await NewKey();
        var rsa = new GenerateDataKeyPairRequest { KeyId = keyId, KeyPairSpec = DataKeyPairSpec.RSA_2048 };

        await Engine.GenerateDataKeyPair(rsa);
        var throttled = await Refused(() => Engine.GenerateDataKeyPairWithoutPlaintext(new GenerateDataKeyPairWithoutPlaintextRequest { KeyId = keyId, KeyPairSpec = DataKeyPairSpec.RSA_2048 }));
        var otherSpec = await Engine.GenerateDataKeyPairWithoutPlaintext(new GenerateDataKeyPairWithoutPlaintextRequest { KeyId = keyId, KeyPairSpec = DataKeyPairSpec.ECC_NIST_P256 });

        Assert.Equal((KmsErrorCodes.ThrottlingException, RequestQuotas.ThrottlingMessage), (throttled.ErrorCode, throttled.Message));
        Assert.NotEmpty(otherSpec.PublicKey!);
    }
}
