using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Keys.TestKeys;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>GetParametersForImport approval (docs/byok.md), tags, policies and ReplicateKey (docs/multi-region-keys.md).</summary>
public sealed class ImportParametersAndMetadataRulesTests
{
    private static KeyDecision Parameters(KmsKey key, AlgorithmSpec algorithm, WrappingKeySpec spec, string region = Region, bool legacy = false) =>
        KeyRules.Decide(key, new GetParametersForImportRequest { KeyId = key.KeyId, WrappingAlgorithm = algorithm, WrappingKeySpec = spec },
            Context(region: region) with { AllowLegacyPkcs1 = legacy });

    [Fact]
    public void pkcs1_is_refused_unless_the_legacy_switch_is_on()
    {
        var key = External(KeyState.PendingImport);
        Refused(KmsErrorCodes.ValidationException, "The RSAES_PKCS1_V1_5 wrapping algorithm is deprecated and no longer supported. Use RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256.",
            () => Parameters(key, AlgorithmSpec.RSAES_PKCS1_V1_5, WrappingKeySpec.RSA_2048));
        Assert.Empty(Parameters(key, AlgorithmSpec.RSAES_PKCS1_V1_5, WrappingKeySpec.RSA_2048, legacy: true).Events);
    }

    [Fact]
    public void sm2_wrapping_is_china_only_and_rsa_aes_key_wrap_is_not_in_china()
    {
        Refused(KmsErrorCodes.ValidationException,
            "1 validation error detected: Value 'SM2PKE' at 'wrappingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RSAES_PKCS1_V1_5, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, RSA_AES_KEY_WRAP_SHA_1, RSA_AES_KEY_WRAP_SHA_256]",
            () => RequestValidation.Check(new GetParametersForImportRequest { KeyId = "k", WrappingAlgorithm = AlgorithmSpec.SM2PKE, WrappingKeySpec = WrappingKeySpec.RSA_2048 }, "us-east-1"));
        var china = Create(new CreateKeyRequest { Origin = OriginType.EXTERNAL }, Context(region: "cn-north-1", newKeyId: NewKeyId()));
        Refused(KmsErrorCodes.UnsupportedOperationException, "WrappingAlgorithm RSA_AES_KEY_WRAP_SHA_256 is not supported in China Regions.",
            () => Parameters(china, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_4096, "cn-north-1"));
        Assert.Null(Parameters(china, AlgorithmSpec.SM2PKE, WrappingKeySpec.SM2, "cn-north-1").Response);
    }

    [Fact]
    public void rsa_private_keys_need_the_two_step_wrap()
    {
        var key = External(KeyState.PendingImport, KeySpec.RSA_3072, KeyUsageType.SIGN_VERIFY);
        Refused(KmsErrorCodes.ValidationException, "WrappingAlgorithm RSAES_OAEP_SHA_256 cannot wrap RSA_3072 key material. Use RSA_AES_KEY_WRAP_SHA_256.",
            () => Parameters(key, AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_4096));
        Assert.Empty(Parameters(key, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1, WrappingKeySpec.RSA_2048).Events);
    }

    [Fact]
    public void p521_material_does_not_fit_rsa_2048_oaep()
    {
        var key = External(KeyState.PendingImport, KeySpec.ECC_NIST_P521, KeyUsageType.SIGN_VERIFY);
        Refused(KmsErrorCodes.ValidationException, "WrappingAlgorithm RSAES_OAEP_SHA_1 with WrappingKeySpec RSA_2048 cannot wrap ECC_NIST_P521 key material. Use a larger wrapping key or RSA_AES_KEY_WRAP_SHA_256.",
            () => Parameters(key, AlgorithmSpec.RSAES_OAEP_SHA_1, WrappingKeySpec.RSA_2048));
        Assert.Empty(Parameters(key, AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_4096).Events);
    }

    [Fact]
    public void get_parameters_for_import_needs_every_member()
    {
        var key = External(KeyState.PendingImport);
        Refused(KmsErrorCodes.ValidationException, "1 validation error detected: Value null at 'wrappingKeySpec' failed to satisfy constraint: Member must not be null",
            () => RequestValidation.Check(new GetParametersForImportRequest { KeyId = key.KeyId, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256 }, "us-east-1"));
    }

    [Fact]
    public void tags_are_added_replaced_removed_and_listed_in_key_order()
    {
        var key = Run(AwsKms(KeyState.Enabled), new TagResourceRequest { KeyId = "k", Tags = [new Tag { TagKey = "b", TagValue = "1" }, new Tag { TagKey = "a", TagValue = "2" }] }, Context());
        key = Run(key, new TagResourceRequest { KeyId = "k", Tags = [new Tag { TagKey = "b", TagValue = "3" }] }, Context());
        key = Run(key, new UntagResourceRequest { KeyId = "k", TagKeys = ["a", "missing"] }, Context());
        var listed = (ListResourceTagsResponse)KeyRules.Decide(key, new ListResourceTagsRequest { KeyId = "k" }, Context()).Response!;
        Assert.Equal([("b", "3")], listed.Tags!.Select(t => (t.TagKey!, t.TagValue!)));
    }

    private const string AllowAccount = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";

    [Fact]
    public void only_the_default_policy_exists_and_a_put_must_be_a_valid_policy()
    {
        var key = AwsKms(KeyState.Enabled);
        Refused(KmsErrorCodes.NotFoundException, "No such policy exists: other. The only valid policy name is \"default\".",
            () => KeyRules.Decide(key, new GetKeyPolicyRequest { KeyId = "k", PolicyName = "other" }, Context()));
        Refused(KmsErrorCodes.MalformedPolicyDocumentException, "The key policy is not a valid JSON policy document.",
            () => KeyRules.Decide(key, new PutKeyPolicyRequest { KeyId = "k", PolicyName = "default", Policy = "not json" }, Context()));
        Refused(KmsErrorCodes.MalformedPolicyDocumentException, "Policy contains a statement with one or more invalid principals.",
            () => KeyRules.Decide(key, new PutKeyPolicyRequest { KeyId = "k", PolicyName = "default", Policy = AllowAccount.Replace("111122223333", "1111", StringComparison.Ordinal) }, Context()));
        key = Run(key, new PutKeyPolicyRequest { KeyId = "k", PolicyName = "default", Policy = AllowAccount }, Context());
        var policy = (GetKeyPolicyResponse)KeyRules.Decide(key, new GetKeyPolicyRequest { KeyId = "k" }, Context()).Response!;
        Assert.Equal((AllowAccount, "default"), (policy.Policy, policy.PolicyName));
        Assert.Equal(["default"], ((ListKeyPoliciesResponse)KeyRules.Decide(key, new ListKeyPoliciesRequest { KeyId = "k" }, Context()).Response!).PolicyNames!);
    }

    [Fact]
    public void replicate_key_needs_an_enabled_multi_region_primary_and_a_new_region()
    {
        var single = AwsKms(KeyState.Enabled);
        Refused(KmsErrorCodes.UnsupportedOperationException, $"{single.Arn} is not a multi-region primary key.",
            () => KeyRules.Decide(single, new ReplicateKeyRequest { KeyId = "k", ReplicaRegion = "eu-west-1" }, Context()));
        var primary = Create(new CreateKeyRequest { MultiRegion = true, Origin = OriginType.EXTERNAL });
        Refused(KmsErrorCodes.KMSInvalidStateException, $"{primary.Arn} is pending import.",
            () => KeyRules.Decide(primary, new ReplicateKeyRequest { KeyId = "k", ReplicaRegion = "eu-west-1" }, Context()));
        primary = Imported(primary, Material(1));
        Assert.Null(KeyRules.Decide(primary, new ReplicateKeyRequest { KeyId = "k", ReplicaRegion = "eu-west-1" }, Context()).Response);
        var replicaArn = primary.Arn.Replace(Region, "eu-west-1");
        primary = KeyRules.AddReplica(primary, replicaArn).Events.Aggregate(primary, KeyRules.Apply);
        Refused(KmsErrorCodes.AlreadyExistsException, $"{primary.Arn} already has a replica key in eu-west-1.",
            () => KeyRules.Decide(primary, new ReplicateKeyRequest { KeyId = "k", ReplicaRegion = "eu-west-1" }, Context()));
    }

    [Fact]
    public void an_external_replica_starts_pending_import_and_takes_only_the_primary_material()
    {
        var primary = Imported(Create(new CreateKeyRequest { MultiRegion = true, Origin = OriginType.EXTERNAL }), Material(1));
        var decision = KeyRules.CreateReplica(primary, new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = "eu-west-1" }, Context(region: "eu-west-1"));
        var creating = decision.Events.Aggregate((KmsKey?)null, (k, e) => KeyRules.Apply(k, e))!;
        Assert.Equal(KeyState.Creating, creating.State);
        var replica = KeyRules.CompleteReplicaCreation(creating, creating.CreatingUntil!.Value).Events.Aggregate(creating, KeyRules.Apply);
        Assert.Equal((primary.KeyId, KeyState.PendingImport, MultiRegionKeyType.REPLICA), (replica.KeyId, replica.State, replica.MultiRegionKeyType!.Value));
        Assert.Equal(MultiRegionKeyType.REPLICA, KeyRules.Describe(replica).MultiRegionConfiguration!.MultiRegionKeyType);
        Refused(KmsErrorCodes.IncorrectKeyMaterialException, $"The key material does not match the key material of the primary key of {replica.Arn}.",
            () => KeyRules.Decide(replica, ImportRequest(replica), Context(region: "eu-west-1", import: ValidImport(Material(2)))));
        Refused(KmsErrorCodes.UnsupportedOperationException, $"{replica.Arn} is a multi-Region replica key. Import new key material into its primary key.",
            () => KeyRules.Decide(replica, ImportRequest(replica, importType: ImportType.NEW_KEY_MATERIAL), Context(region: "eu-west-1", import: ValidImport(Material(2)))));
        Assert.Equal(KeyState.Enabled, Imported(replica, Material(1)).State);
    }
}
