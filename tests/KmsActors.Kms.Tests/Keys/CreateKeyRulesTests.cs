using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Keys.TestKeys;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>CreateKey and DescribeKey rules (docs/byok.md for EXTERNAL keys).</summary>
public sealed class CreateKeyRulesTests
{
    public static TheoryData<KeySpec, KeyUsageType, bool> Pairings()
    {
        var data = new TheoryData<KeySpec, KeyUsageType, bool>();
        foreach (var spec in Enum.GetValues<KeySpec>())
            foreach (var usage in Enum.GetValues<KeyUsageType>())
                data.Add(spec, usage, KeyRules.AllowedUsages(spec).Contains(usage));
        return data;
    }

    [Fact]
    public void the_allowed_pairings_are_the_aws_list()
    {
        Assert.Equal([KeyUsageType.ENCRYPT_DECRYPT, KeyUsageType.SIGN_VERIFY], KeyRules.AllowedUsages(KeySpec.RSA_3072));
        Assert.Equal([KeyUsageType.SIGN_VERIFY, KeyUsageType.KEY_AGREEMENT], KeyRules.AllowedUsages(KeySpec.ECC_NIST_P521));
        Assert.Equal([KeyUsageType.SIGN_VERIFY], KeyRules.AllowedUsages(KeySpec.ECC_SECG_P256K1));
        Assert.Equal([KeyUsageType.GENERATE_VERIFY_MAC], KeyRules.AllowedUsages(KeySpec.HMAC_384));
        Assert.Equal([KeyUsageType.ENCRYPT_DECRYPT, KeyUsageType.SIGN_VERIFY, KeyUsageType.KEY_AGREEMENT], KeyRules.AllowedUsages(KeySpec.SM2));
        Assert.Equal([KeyUsageType.SIGN_VERIFY], KeyRules.AllowedUsages(KeySpec.ML_DSA_65));
        Assert.Equal([KeyUsageType.SIGN_VERIFY], KeyRules.AllowedUsages(KeySpec.ECC_NIST_EDWARDS25519));
        Assert.Equal([KeyUsageType.ENCRYPT_DECRYPT], KeyRules.AllowedUsages(KeySpec.SYMMETRIC_DEFAULT));
    }

    [Theory]
    [MemberData(nameof(Pairings))]
    public void every_key_spec_and_key_usage_pairing_is_accepted_or_refused_like_aws(KeySpec spec, KeyUsageType usage, bool allowed)
    {
        var region = spec == KeySpec.SM2 ? "cn-north-1" : Region;
        var request = new CreateKeyRequest { KeySpec = spec, KeyUsage = usage };
        var context = Context(region: region, newKeyId: NewKeyId(), generated: Material(0));
        if (allowed)
        {
            var key = Run(null, request, context);
            Assert.Equal((spec, usage, KeyState.Enabled), (key.KeySpec, key.KeyUsage, key.State));
        }
        else
        {
            Refused(KmsErrorCodes.ValidationException, $"KeyUsage {usage} is not compatible with KeySpec {spec}", () => KeyRules.Decide(null, request, context));
        }
    }

    [Fact]
    public void defaults_are_a_symmetric_encryption_aws_kms_key_with_the_default_policy()
    {
        var key = Create(new CreateKeyRequest());
        var metadata = KeyRules.Describe(key);
        Assert.Equal((KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT, OriginType.AWS_KMS, KeyState.Enabled, true, KeyManagerType.CUSTOMER, false, ""),
            (metadata.KeySpec, metadata.KeyUsage, metadata.Origin, metadata.KeyState, metadata.Enabled, metadata.KeyManager, metadata.MultiRegion, metadata.Description));
        Assert.Equal([EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT], metadata.EncryptionAlgorithms);
        Assert.Equal(CustomerMasterKeySpec.SYMMETRIC_DEFAULT, metadata.CustomerMasterKeySpec);
        Assert.Contains("\"Sid\" : \"Enable IAM User Permissions\"", key.Policies["default"]);
        Assert.Contains("arn:aws:iam::111122223333:root", key.Policies["default"]);
        Assert.Null(metadata.ExpirationModel);
    }

    [Fact]
    public void key_usage_is_required_for_non_symmetric_specs()
    {
        Refused(KmsErrorCodes.ValidationException, "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.",
            () => Create(new CreateKeyRequest { KeySpec = KeySpec.RSA_2048 }));
    }

    [Fact]
    public void external_key_is_pending_import_without_expiration_model_valid_to_or_current_material_id()
    {
        var metadata = KeyRules.Describe(Create(new CreateKeyRequest { Origin = OriginType.EXTERNAL }));
        Assert.Equal((KeyState.PendingImport, false, OriginType.EXTERNAL), (metadata.KeyState!.Value, metadata.Enabled!.Value, metadata.Origin!.Value));
        Assert.Null(metadata.ExpirationModel);
        Assert.Null(metadata.ValidTo);
        Assert.Null(metadata.CurrentKeyMaterialId);
    }

    [Theory]
    [InlineData(KeySpec.ML_DSA_44)]
    [InlineData(KeySpec.ML_DSA_87)]
    [InlineData(KeySpec.ECC_NIST_EDWARDS25519)]
    public void ml_dsa_and_ed25519_cannot_have_imported_material(KeySpec spec)
    {
        Refused(KmsErrorCodes.UnsupportedOperationException, $"KeySpec {spec} does not support imported key material (Origin EXTERNAL).",
            () => Create(new CreateKeyRequest { Origin = OriginType.EXTERNAL, KeySpec = spec, KeyUsage = KeyUsageType.SIGN_VERIFY }));
    }

    [Theory]
    [InlineData(OriginType.AWS_CLOUDHSM)]
    [InlineData(OriginType.EXTERNAL_KEY_STORE)]
    public void custom_key_store_origins_are_unsupported(OriginType origin)
    {
        Refused(KmsErrorCodes.UnsupportedOperationException, $"Origin {origin} and custom key stores are not supported by KmsActors; use AWS_KMS or EXTERNAL.",
            () => Create(new CreateKeyRequest { Origin = origin }));
    }

    [Fact]
    public void sm2_outside_china_is_no_value_of_the_key_spec_enum()
    {
        var error = Assert.Throws<KmsException>(() => RequestValidation.Check(new CreateKeyRequest { KeySpec = KeySpec.SM2, KeyUsage = KeyUsageType.SIGN_VERIFY }, "us-east-1"));
        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        Assert.StartsWith("1 validation error detected: Value 'SM2' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, ", error.Message);
        Assert.DoesNotContain("SM2,", error.Message);
        RequestValidation.Check(new CreateKeyRequest { KeySpec = KeySpec.SM2, KeyUsage = KeyUsageType.SIGN_VERIFY }, "cn-north-1");
    }

    [Fact]
    public void china_keys_use_the_aws_cn_partition()
    {
        var key = Create(new CreateKeyRequest { KeySpec = KeySpec.SM2, KeyUsage = KeyUsageType.ENCRYPT_DECRYPT },
            Context(region: "cn-north-1", newKeyId: NewKeyId(), generated: Material(0)));
        Assert.StartsWith("arn:aws-cn:kms:cn-north-1:111122223333:key/", key.Arn);
        Assert.Equal([EncryptionAlgorithmSpec.SM2PKE], KeyRules.Describe(key).EncryptionAlgorithms);
    }

    [Fact]
    public void description_longer_than_8192_is_a_validation_error()
    {
        var description = new string('d', 8193);
        Refused(KmsErrorCodes.ValidationException,
            $"1 validation error detected: Value '{description}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192",
            () => RequestValidation.Check(new CreateKeyRequest { Description = description }, "us-east-1"));
    }

    [Fact]
    public void tags_beginning_with_aws_are_reserved()
    {
        Refused(KmsErrorCodes.TagException, "Tags beginning with aws: are reserved",
            () => Create(new CreateKeyRequest { Tags = [new Tag { TagKey = "aws:owner", TagValue = "x" }] }));
    }

    [Fact]
    public void tag_key_and_value_lengths_are_checked()
    {
        var longKey = new string('k', 129);
        Refused(KmsErrorCodes.ValidationException,
            $"1 validation error detected: Value '{longKey}' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128",
            () => RequestValidation.Check(new CreateKeyRequest { Tags = [new Tag { TagKey = longKey, TagValue = "" }] }, "us-east-1"));
        var longValue = new string('v', 257);
        Refused(KmsErrorCodes.ValidationException,
            $"1 validation error detected: Value '{longValue}' at 'tags.2.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256",
            () => RequestValidation.Check(new CreateKeyRequest { Tags = [new Tag { TagKey = "a", TagValue = "" }, new Tag { TagKey = "b", TagValue = longValue }] }, "us-east-1"));
    }

    [Fact]
    public void multi_region_key_is_a_primary_with_an_mrk_id()
    {
        var key = Create(new CreateKeyRequest { Origin = OriginType.EXTERNAL, MultiRegion = true });
        var metadata = KeyRules.Describe(key);
        Assert.Matches("^mrk-[a-f0-9]{32}$", key.KeyId);
        Assert.Equal((true, MultiRegionKeyType.PRIMARY, key.Arn, Region), (metadata.MultiRegion!.Value, metadata.MultiRegionConfiguration!.MultiRegionKeyType!.Value,
            metadata.MultiRegionConfiguration.PrimaryKey!.Arn, metadata.MultiRegionConfiguration.PrimaryKey.Region));
    }

    [Fact]
    public void a_key_id_that_does_not_fit_multi_region_is_an_internal_error()
    {
        Refused(KmsErrorCodes.KMSInternalException, "Key ID 1234 does not fit MultiRegion=True.",
            () => Create(new CreateKeyRequest { MultiRegion = true }, Context(newKeyId: "1234", generated: Material(0))));
    }

    [Fact]
    public void signing_mac_and_agreement_algorithms_follow_the_key_spec()
    {
        Assert.Equal([SigningAlgorithmSpec.ECDSA_SHA_512], KeyRules.Describe(AwsKms(KeyState.Enabled, KeySpec.ECC_NIST_P521, KeyUsageType.SIGN_VERIFY)).SigningAlgorithms);
        Assert.Equal([MacAlgorithmSpec.HMAC_SHA_224], KeyRules.Describe(AwsKms(KeyState.Enabled, KeySpec.HMAC_224, KeyUsageType.GENERATE_VERIFY_MAC)).MacAlgorithms);
        Assert.Equal([KeyAgreementAlgorithmSpec.ECDH], KeyRules.Describe(AwsKms(KeyState.Enabled, KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT)).KeyAgreementAlgorithms);
        var mlDsa = KeyRules.Describe(AwsKms(KeyState.Enabled, KeySpec.ML_DSA_65, KeyUsageType.SIGN_VERIFY));
        Assert.Null(mlDsa.CustomerMasterKeySpec); // the deprecated enum has no ML_DSA values
        Assert.Null(mlDsa.CurrentKeyMaterialId);  // symmetric keys only
    }

    [Fact]
    public void describe_key_without_key_id_is_a_validation_error()
    {
        Refused(KmsErrorCodes.ValidationException,
            "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
            () => RequestValidation.Check(new DescribeKeyRequest(), "us-east-1"));
    }
}
