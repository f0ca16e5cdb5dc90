using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using static KmsActors.Kms.Tests.Policy.ConditionKeys.ContextFixture;

namespace KmsActors.Kms.Tests.Policy.ConditionKeys;

/// <summary>The request keys of the cryptographic operations (docs/condition-keys.md, "Request keys").</summary>
public sealed class CryptoRequestConditionKeysTests
{
    private static readonly Dictionary<string, string> AppContext = new() { ["AppName"] = "ExampleApp", ["Department"] = "IT" };

    [Fact]
    public void each_encryption_context_pair_is_a_key_and_the_names_are_the_encryption_context_keys()
    {
        var context = Build("Encrypt", new EncryptRequest { EncryptionContext = AppContext }, Key());

        Assert.Equal("ExampleApp", context.Value("kms:EncryptionContext:AppName"));
        Assert.Equal("IT", context.Value("kms:EncryptionContext:Department"));
        Assert.Equal("ExampleApp", context.Value("kms:encryptioncontext:appname"));
        Assert.Equal(["AppName", "Department"], context.Values("kms:EncryptionContextKeys"));
    }

    [Fact]
    public void a_request_without_encryption_context_has_no_encryption_context_keys()
    {
        var context = Build("Decrypt", new DecryptRequest { EncryptionContext = new Dictionary<string, string>() }, Key());

        Assert.False(context.Has("kms:EncryptionContextKeys"));
        Assert.DoesNotContain(context.All, e => e.Key.StartsWith("kms:EncryptionContext:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void pairs_whose_names_differ_only_in_case_keep_the_ordinally_first_name_s_value()
    {
        var encryptionContext = new Dictionary<string, string> { ["app"] = "lower", ["App"] = "upper" };

        var context = Build("Encrypt", new EncryptRequest { EncryptionContext = encryptionContext }, Key());

        Assert.Equal("upper", context.Value("kms:EncryptionContext:app"));
        Assert.Equal(["App", "app"], context.Values("kms:EncryptionContextKeys"));
    }

    [Theory]
    [InlineData("GenerateDataKey")]
    [InlineData("GenerateDataKeyWithoutPlaintext")]
    public void data_key_requests_carry_their_encryption_context_and_the_symmetric_default_algorithm(string action)
    {
        object request = action == "GenerateDataKey"
            ? new GenerateDataKeyRequest { EncryptionContext = AppContext }
            : new GenerateDataKeyWithoutPlaintextRequest { EncryptionContext = AppContext };

        var context = Build(action, request, Key());

        Assert.Equal("IT", context.Value("kms:EncryptionContext:Department"));
        Assert.Equal("SYMMETRIC_DEFAULT", context.Value("kms:EncryptionAlgorithm"));
    }

    [Fact]
    public void the_encryption_algorithm_is_the_request_s()
    {
        var context = Build("Encrypt", new EncryptRequest { EncryptionAlgorithm = EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256 }, Key(KeySpec.RSA_2048));

        Assert.Equal("RSAES_OAEP_SHA_256", context.Value("kms:EncryptionAlgorithm"));
    }

    [Fact]
    public void an_omitted_encryption_algorithm_is_the_symmetric_default()
    {
        Assert.Equal("SYMMETRIC_DEFAULT", Build("Decrypt", new DecryptRequest(), Key()).Value("kms:EncryptionAlgorithm"));
    }

    [Fact]
    public void encryption_keys_do_not_apply_to_sign()
    {
        var context = Build("Sign", new EncryptRequest { EncryptionContext = AppContext }, Key());

        Assert.False(context.Has("kms:EncryptionAlgorithm"));
        Assert.False(context.Has("kms:EncryptionContextKeys"));
        Assert.False(context.Has("kms:EncryptionContext:AppName"));
    }

    [Fact]
    public void data_key_pair_requests_carry_their_pair_spec()
    {
        var context = Build("GenerateDataKeyPairWithoutPlaintext", new GenerateDataKeyPairWithoutPlaintextRequest { KeyPairSpec = DataKeyPairSpec.RSA_3072 }, Key());

        Assert.Equal("RSA_3072", context.Value("kms:DataKeyPairSpec"));
        Assert.Equal("SYMMETRIC_DEFAULT", context.Value("kms:EncryptionAlgorithm"));
        Assert.Equal("RSA_3072", Build("GenerateDataKeyPair", new GenerateDataKeyPairRequest { KeyPairSpec = DataKeyPairSpec.RSA_3072 }, Key()).Value("kms:DataKeyPairSpec"));
    }

    [Fact]
    public void a_data_key_pair_spec_does_not_apply_to_generate_data_key()
    {
        Assert.False(Build("GenerateDataKey", new GenerateDataKeyPairRequest { KeyPairSpec = DataKeyPairSpec.RSA_3072 }, Key()).Has("kms:DataKeyPairSpec"));
    }

    [Theory]
    [InlineData("Sign")]
    [InlineData("Verify")]
    public void signing_requests_carry_their_algorithm_and_message_type(string action)
    {
        object request = action == "Sign"
            ? new SignRequest { SigningAlgorithm = SigningAlgorithmSpec.RSASSA_PSS_SHA_512, MessageType = MessageType.DIGEST }
            : new VerifyRequest { SigningAlgorithm = SigningAlgorithmSpec.RSASSA_PSS_SHA_512, MessageType = MessageType.DIGEST };

        var context = Build(action, request, Key(KeySpec.RSA_4096, KeyUsageType.SIGN_VERIFY));

        Assert.Equal("RSASSA_PSS_SHA_512", context.Value("kms:SigningAlgorithm"));
        Assert.Equal("DIGEST", context.Value("kms:MessageType"));
    }

    [Fact]
    public void an_omitted_message_type_is_raw_and_an_omitted_signing_algorithm_is_absent()
    {
        var context = Build("Sign", new SignRequest(), Key(KeySpec.RSA_4096, KeyUsageType.SIGN_VERIFY));

        Assert.Equal("RAW", context.Value("kms:MessageType"));
        Assert.False(context.Has("kms:SigningAlgorithm"));
    }

    [Fact]
    public void signing_keys_do_not_apply_to_verify_mac()
    {
        var context = Build("VerifyMac", new SignRequest { SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 }, Key(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC));

        Assert.False(context.Has("kms:SigningAlgorithm"));
        Assert.False(context.Has("kms:MessageType"));
    }

    [Theory]
    [InlineData("GenerateMac")]
    [InlineData("VerifyMac")]
    public void mac_requests_carry_their_mac_algorithm(string action)
    {
        object request = action == "GenerateMac"
            ? new GenerateMacRequest { MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_384 }
            : new VerifyMacRequest { MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_384 };

        Assert.Equal("HMAC_SHA_384", Build(action, request, Key(KeySpec.HMAC_384, KeyUsageType.GENERATE_VERIFY_MAC)).Value("kms:MacAlgorithm"));
    }

    [Fact]
    public void a_mac_algorithm_does_not_apply_to_sign()
    {
        Assert.False(Build("Sign", new GenerateMacRequest { MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_384 }, Key()).Has("kms:MacAlgorithm"));
    }

    [Fact]
    public void derive_shared_secret_carries_its_key_agreement_algorithm()
    {
        var context = Build("DeriveSharedSecret", new DeriveSharedSecretRequest { KeyAgreementAlgorithm = KeyAgreementAlgorithmSpec.ECDH }, Key(KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT));

        Assert.Equal("ECDH", context.Value("kms:KeyAgreementAlgorithm"));
    }

    [Fact]
    public void a_key_agreement_algorithm_does_not_apply_to_encrypt()
    {
        Assert.False(Build("Encrypt", new DeriveSharedSecretRequest { KeyAgreementAlgorithm = KeyAgreementAlgorithmSpec.ECDH }, Key()).Has("kms:KeyAgreementAlgorithm"));
    }

    [Fact]
    public void no_recipient_attestation_is_ever_in_the_context()
    {
        var context = Build("Decrypt", new DecryptRequest(), Key());

        Assert.DoesNotContain(context.All, e => e.Key.StartsWith("kms:RecipientAttestation", StringComparison.Ordinal));
    }
}
