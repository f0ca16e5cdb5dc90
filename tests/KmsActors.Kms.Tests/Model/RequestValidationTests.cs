using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Tests.Engine;

namespace KmsActors.Kms.Tests.Model;

/// <summary>The model's constraints as the validator words them (docs/validation.md), and a refused call through the
/// engine: nothing changes and the refusal is audited.</summary>
public sealed class RequestValidationTests : EngineTestBase
{
    private const string China = "cn-north-1";

    private static string Refusal(object request, string region = UsEast1)
    {
        var error = Assert.Throws<KmsException>(() => RequestValidation.Check(request, region));
        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        Assert.Equal(error.Message, RequestValidation.Find(request, region).ToException().Message);
        return error.Message;
    }

    [Fact]
    public void a_string_past_its_limits_is_shown_with_its_value_and_the_limit()
    {
        var key = new string('k', 2049);

        Assert.Equal($"1 validation error detected: Value '{key}' at 'keyId' failed to satisfy constraint: Member must have length less than or equal to 2048",
            Refusal(new DescribeKeyRequest { KeyId = key }));
        Assert.Equal("1 validation error detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1",
            Refusal(new DescribeKeyRequest { KeyId = "" }));
    }

    [Fact]
    public void a_blob_is_shown_as_the_java_buffer_that_held_it()
    {
        Assert.Equal("1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=6145 cap=6145]' at 'ciphertextBlob' failed to satisfy constraint: Member must have length less than or equal to 6144",
            Refusal(new DecryptRequest { CiphertextBlob = new byte[6145] }));
    }

    [Fact]
    public void a_sensitive_member_is_named_without_its_value()
    {
        Assert.Equal("1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length greater than or equal to 1",
            Refusal(new EncryptRequest { KeyId = "alias/app", Plaintext = [] }));
        Assert.Equal("1 validation error detected: Value at 'keyStorePassword' failed to satisfy constraint: Member must have length less than or equal to 32",
            Refusal(new UpdateCustomKeyStoreRequest { CustomKeyStoreId = "cks-1234567890abcdef0", KeyStorePassword = new string('p', 33) }));
    }

    [Fact]
    public void a_list_is_shown_with_its_entries()
    {
        string[] tokens = ["t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10"];

        Assert.Equal("1 validation error detected: Value '[t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10]' at 'grantTokens' failed to satisfy constraint: Member must have length less than or equal to 10",
            Refusal(new DecryptRequest { CiphertextBlob = [1], GrantTokens = tokens }));
    }

    [Fact]
    public void a_number_past_its_range_is_shown_with_its_value()
    {
        Assert.Equal("1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
            Refusal(new GenerateRandomRequest { NumberOfBytes = 1025 }));
        Assert.Equal("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
            Refusal(new ListKeysRequest { Limit = 0 }));
    }

    [Fact]
    public void the_sm2_values_are_in_the_enum_only_in_the_china_regions()
    {
        Assert.Equal("1 validation error detected: Value 'SM2' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: "
            + "[RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, SYMMETRIC_DEFAULT, HMAC_224, HMAC_256, HMAC_384, HMAC_512, ML_DSA_44, ML_DSA_65, ML_DSA_87, ECC_NIST_EDWARDS25519]",
            Refusal(new CreateKeyRequest { KeySpec = KeySpec.SM2 }));
        Assert.Equal("1 validation error detected: Value 'SM2PKE' at 'encryptionAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256]",
            Refusal(new EncryptRequest { KeyId = "alias/app", Plaintext = [1], EncryptionAlgorithm = EncryptionAlgorithmSpec.SM2PKE }, "eu-west-1"));

        Assert.Equal(0, RequestValidation.Find(new CreateKeyRequest { KeySpec = KeySpec.SM2 }, China).Count);
        Assert.Equal(0, RequestValidation.Find(new EncryptRequest { KeyId = "alias/app", Plaintext = [1], EncryptionAlgorithm = EncryptionAlgorithmSpec.SM2PKE }, "cn-northwest-1").Count);
        Assert.Equal("[SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, SM2PKE]", RequestValidation.EnumValueSet(typeof(EncryptionAlgorithmSpec), China));
    }

    [Fact]
    public void a_value_that_breaks_the_pattern_is_shown_with_the_models_pattern()
    {
        Assert.Equal(@"1 validation error detected: Value 'moon' at 'primaryRegion' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([a-z]+-){2,3}\d+$",
            Refusal(new UpdatePrimaryRegionRequest { KeyId = "mrk-1234abcd12ab34cd56ef1234567890ab", PrimaryRegion = "moon" }));
    }

    [Fact]
    public void a_pattern_must_match_the_whole_value_so_a_trailing_newline_breaks_it()
    {
        Assert.Equal("1 validation error detected: Value 'eu-west-1\n' at 'primaryRegion' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([a-z]+-){2,3}\\d+$",
            Refusal(new UpdatePrimaryRegionRequest { KeyId = "mrk-1234abcd12ab34cd56ef1234567890ab", PrimaryRegion = "eu-west-1\n" }));
        // A key policy may hold newlines anywhere, the last character included (its pattern admits \u000A).
        Assert.Equal(0, RequestValidation.Find(new PutKeyPolicyRequest { KeyId = "k", Policy = "{}\n" }, "us-east-1").Count);
    }

    [Fact]
    public void nested_members_are_named_by_their_path_with_one_based_list_entries()
    {
        Assert.Equal("1 validation error detected: Value '' at 'tags.2.member.tagKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
            Refusal(new TagResourceRequest { KeyId = "k", Tags = [new Tag { TagKey = "a", TagValue = "b" }, new Tag { TagKey = "", TagValue = "c" }] }));
        Assert.Equal("1 validation error detected: Value null at 'tags.1.member.tagValue' failed to satisfy constraint: Member must not be null",
            Refusal(new TagResourceRequest { KeyId = "k", Tags = [new Tag { TagKey = "a" }] }));
        Assert.Equal("1 validation error detected: Value '' at 'grantTokens.1.member' failed to satisfy constraint: Member must have length greater than or equal to 1",
            Refusal(new DescribeKeyRequest { KeyId = "k", GrantTokens = [""] }));
        Assert.Equal("1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=0 cap=0]' at 'recipient.attestationDocument' failed to satisfy constraint: Member must have length greater than or equal to 1",
            Refusal(new GenerateRandomRequest { NumberOfBytes = 32, Recipient = new RecipientInfo { AttestationDocument = [] } }));
    }

    [Fact]
    public void several_violations_are_counted_and_listed_in_model_order()
    {
        // GenerateMac's members in model order: Message, KeyId, MacAlgorithm.
        Assert.Equal("3 validation errors detected: Value null at 'message' failed to satisfy constraint: Member must not be null; "
            + "Value null at 'keyId' failed to satisfy constraint: Member must not be null; "
            + "Value null at 'macAlgorithm' failed to satisfy constraint: Member must not be null",
            Refusal(new GenerateMacRequest()));
        // One member can violate its length and its pattern: the length comes first.
        Assert.Equal("3 validation errors detected: Value '' at 'aliasName' failed to satisfy constraint: Member must have length greater than or equal to 1; "
            + "Value '' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$; "
            + "Value null at 'targetKeyId' failed to satisfy constraint: Member must not be null",
            Refusal(new CreateAliasRequest { AliasName = "" }));
    }

    [Fact]
    public void a_request_within_every_constraint_has_no_violation()
    {
        Assert.Equal(0, RequestValidation.Find(new EncryptRequest { KeyId = "alias/app", Plaintext = new byte[4096], GrantTokens = [] }, UsEast1).Count);
        Assert.Equal(0, RequestValidation.Find(new CreateKeyRequest { Description = "", Tags = [new Tag { TagKey = new string('k', 128), TagValue = "" }] }, UsEast1).Count);
        Assert.Equal(0, RequestValidation.Find("not a model request", UsEast1).Count);
    }

    [Fact]
    public async Task a_call_that_fails_validation_changes_nothing_and_is_audited()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest { Description = "before" })).KeyMetadata!;
        var keys = (await Engine.ListKeys(new ListKeysRequest())).Keys!.Count;
        var tooLong = new string('d', 8193);
        var message = $"1 validation error detected: Value '{tooLong}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192";

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.Send<EmptyResponse>(new UpdateKeyDescriptionRequest { KeyId = key.KeyId, Description = tooLong }),
            KmsErrorCodes.ValidationException, message);
        await AssertRefused(() => Engine.CreateKey(new CreateKeyRequest { Description = tooLong }), KmsErrorCodes.ValidationException, message);

        Assert.Equal("before", (await Describe(key.KeyId!)).Description);
        Assert.Equal(keys, (await Engine.ListKeys(new ListKeysRequest())).Keys!.Count);
        var update = await SingleAudit("UpdateKeyDescription");
        Assert.Equal((KmsErrorCodes.ValidationException, message), (update.ErrorCode, update.ErrorMessage));
        Assert.Null(update.ResponseElements);
        await AssertAudited(() => Audit.Named("CreateKey").Count() == 2);
        var create = Assert.Single(Audit.Named("CreateKey"), record => record.ErrorCode is not null);
        Assert.Equal((KmsErrorCodes.ValidationException, message), (create.ErrorCode, create.ErrorMessage));
    }
}
