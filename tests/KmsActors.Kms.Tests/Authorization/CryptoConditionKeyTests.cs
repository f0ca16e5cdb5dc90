using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Authorization;

/// <summary>The condition keys of cryptographic operations through the engine: kms:EncryptionContext:&lt;key&gt;,
/// kms:EncryptionContextKeys (ForAllValues / ForAnyValue), kms:EncryptionAlgorithm, kms:SigningAlgorithm,
/// kms:MacAlgorithm, kms:DataKeyPairSpec, kms:KeySpec, kms:KeyUsage (docs/condition-keys.md).</summary>
public sealed class CryptoConditionKeyTests() : ConditionKeyTestBase(Config)
{
    private static readonly string Billing = Role("billing");
    private static readonly string Known = Role("known-context");
    private static readonly string Tenant = Role("tenant");
    private static readonly string Oaep256 = Role("oaep-256");
    private static readonly string Signer = Role("signer");
    private static readonly string Macer = Role("macer");
    private static readonly string PairMaker = Role("pair-maker");
    private static readonly string SymmetricOnly = Role("symmetric-only");
    private static readonly string MacUsage = Role("mac-usage");
    private static readonly string SymmetricCreator = Role("symmetric-creator");

    private static readonly string Config = Iam(
        (Billing, Allow("kms:Encrypt", """{"StringEquals":{"kms:EncryptionContext:purpose":"billing"}}""")),
        (Known, Allow("kms:Encrypt", """{"ForAllValues:StringEquals":{"kms:EncryptionContextKeys":["purpose","tenant"]}}""")),
        (Tenant, Allow("kms:Encrypt", """{"ForAnyValue:StringEquals":{"kms:EncryptionContextKeys":"tenant"}}""")),
        (Oaep256, Allow("kms:Encrypt", """{"StringEquals":{"kms:EncryptionAlgorithm":"RSAES_OAEP_SHA_256"}}""")),
        (Signer, Allow("kms:Sign", """{"StringEquals":{"kms:SigningAlgorithm":"ECDSA_SHA_256"}}""")),
        (Macer, Allow("kms:GenerateMac", """{"StringEquals":{"kms:MacAlgorithm":"HMAC_SHA_256"}}""")),
        (PairMaker, Allow("kms:GenerateDataKeyPair", """{"StringEquals":{"kms:DataKeyPairSpec":"ECC_NIST_P256"}}""")),
        (SymmetricOnly, Allow("kms:DescribeKey", """{"StringEquals":{"kms:KeySpec":"SYMMETRIC_DEFAULT"}}""")),
        (MacUsage, Allow("kms:DescribeKey", """{"StringEquals":{"kms:KeyUsage":"GENERATE_VERIFY_MAC"}}""")),
        (SymmetricCreator, Allow("kms:CreateKey", """{"StringEquals":{"kms:KeySpec":"SYMMETRIC_DEFAULT","kms:KeyUsage":"ENCRYPT_DECRYPT"}}""")));

    [Fact]
    public async Task encryption_context_key_holds_the_value_of_the_requests_pair()
    {
        var key = await NewKey();

        Assert.Equal(key.Arn, (await EncryptAs(Billing, key.KeyId!, Context("billing"))).KeyId);
        await AssertRefused(() => EncryptAs(Billing, key.KeyId!, Context("payroll")), "AccessDeniedException",
            NoIdentityAllow(Billing, "kms:Encrypt", key.Arn!));
        await AssertRefused(() => EncryptAs(Billing, key.KeyId!), "AccessDeniedException",
            NoIdentityAllow(Billing, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task encryption_context_keys_for_all_values_holds_when_every_name_is_listed_or_there_is_no_context()
    {
        var key = await NewKey();

        Assert.Equal(key.Arn, (await EncryptAs(Known, key.KeyId!, new Dictionary<string, string> { ["purpose"] = "x", ["tenant"] = "y" })).KeyId);
        // IAM: ForAllValues over an absent key is true, so a request without a context is allowed too.
        Assert.Equal(key.Arn, (await EncryptAs(Known, key.KeyId!)).KeyId);
        await AssertRefused(() => EncryptAs(Known, key.KeyId!, new Dictionary<string, string> { ["purpose"] = "x", ["extra"] = "z" }),
            "AccessDeniedException", NoIdentityAllow(Known, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task encryption_context_keys_for_any_value_needs_one_listed_name()
    {
        var key = await NewKey();

        Assert.Equal(key.Arn, (await EncryptAs(Tenant, key.KeyId!, new Dictionary<string, string> { ["tenant"] = "acme", ["purpose"] = "x" })).KeyId);
        await AssertRefused(() => EncryptAs(Tenant, key.KeyId!, Context("x")), "AccessDeniedException",
            NoIdentityAllow(Tenant, "kms:Encrypt", key.Arn!));
        await AssertRefused(() => EncryptAs(Tenant, key.KeyId!), "AccessDeniedException",
            NoIdentityAllow(Tenant, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task encryption_algorithm_is_the_requested_one()
    {
        var (key, _) = await ImportedKey(KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
        var request = new EncryptRequest { KeyId = key.KeyId, Plaintext = "hello"u8.ToArray(), EncryptionAlgorithm = EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256 };

        var encrypted = await Engine.Encrypt(request, As(Oaep256));
        Assert.Equal(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, encrypted.EncryptionAlgorithm);
        await AssertRefused(() => Engine.Encrypt(request with { EncryptionAlgorithm = EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1 }, As(Oaep256)),
            "AccessDeniedException", NoIdentityAllow(Oaep256, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task signing_algorithm_is_the_requested_one()
    {
        var key = await NewKey(new CreateKeyRequest { KeySpec = KeySpec.ECC_NIST_P256, KeyUsage = KeyUsageType.SIGN_VERIFY });
        var request = new SignRequest { KeyId = key.KeyId, Message = "hello"u8.ToArray(), SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 };

        Assert.Equal(SigningAlgorithmSpec.ECDSA_SHA_256, (await Engine.Sign(request, As(Signer))).SigningAlgorithm);
        // Refused for its algorithm before the key's usage is checked (authorization comes first).
        await AssertRefused(() => Engine.Sign(request with { SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_384 }, As(Signer)),
            "AccessDeniedException", NoIdentityAllow(Signer, "kms:Sign", key.Arn!));
    }

    [Fact]
    public async Task mac_algorithm_is_the_requested_one()
    {
        var key = await NewKey(new CreateKeyRequest { KeySpec = KeySpec.HMAC_256, KeyUsage = KeyUsageType.GENERATE_VERIFY_MAC });
        var request = new GenerateMacRequest { KeyId = key.KeyId, Message = "hello"u8.ToArray(), MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 };

        Assert.Equal(32, (await Engine.GenerateMac(request, As(Macer))).Mac!.Length);
        await AssertRefused(() => Engine.GenerateMac(request with { MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_512 }, As(Macer)),
            "AccessDeniedException", NoIdentityAllow(Macer, "kms:GenerateMac", key.Arn!));
    }

    [Fact]
    public async Task data_key_pair_spec_is_the_requested_one()
    {
        var key = await NewKey();
        var request = new GenerateDataKeyPairRequest { KeyId = key.KeyId, KeyPairSpec = DataKeyPairSpec.ECC_NIST_P256 };

        var pair = await Engine.Send<GenerateDataKeyPairResponse>(request, As(PairMaker));
        Assert.Equal(DataKeyPairSpec.ECC_NIST_P256, pair.KeyPairSpec);
        await AssertRefused(() => Engine.Send<GenerateDataKeyPairResponse>(request with { KeyPairSpec = DataKeyPairSpec.ECC_NIST_P384 }, As(PairMaker)),
            "AccessDeniedException", NoIdentityAllow(PairMaker, "kms:GenerateDataKeyPair", key.Arn!));
    }

    [Fact]
    public async Task key_spec_on_a_key_operation_is_the_keys_spec()
    {
        var symmetric = await NewKey();
        var ecc = await NewKey(new CreateKeyRequest { KeySpec = KeySpec.ECC_NIST_P256, KeyUsage = KeyUsageType.SIGN_VERIFY });

        Assert.Equal(symmetric.Arn, (await Engine.DescribeKey(new DescribeKeyRequest { KeyId = symmetric.KeyId }, As(SymmetricOnly))).KeyMetadata!.Arn);
        await AssertRefused(() => Engine.DescribeKey(new DescribeKeyRequest { KeyId = ecc.KeyId }, As(SymmetricOnly)),
            "AccessDeniedException", NoIdentityAllow(SymmetricOnly, "kms:DescribeKey", ecc.Arn!));
    }

    [Fact]
    public async Task key_usage_on_a_key_operation_is_the_keys_usage()
    {
        var hmac = await NewKey(new CreateKeyRequest { KeySpec = KeySpec.HMAC_256, KeyUsage = KeyUsageType.GENERATE_VERIFY_MAC });
        var symmetric = await NewKey();

        Assert.Equal(hmac.Arn, (await Engine.DescribeKey(new DescribeKeyRequest { KeyId = hmac.KeyId }, As(MacUsage))).KeyMetadata!.Arn);
        await AssertRefused(() => Engine.DescribeKey(new DescribeKeyRequest { KeyId = symmetric.KeyId }, As(MacUsage)),
            "AccessDeniedException", NoIdentityAllow(MacUsage, "kms:DescribeKey", symmetric.Arn!));
    }

    [Fact]
    public async Task key_spec_and_usage_of_create_key_describe_the_key_to_be_created_with_aws_defaults()
    {
        // Omitted, KeySpec and KeyUsage are SYMMETRIC_DEFAULT and ENCRYPT_DECRYPT.
        var created = (await Engine.CreateKey(new CreateKeyRequest(), As(SymmetricCreator))).KeyMetadata!;
        Assert.Equal(KeySpec.SYMMETRIC_DEFAULT, created.KeySpec);
        var count = await KeyCount();

        await AssertRefused(() => Engine.CreateKey(new CreateKeyRequest { KeySpec = KeySpec.HMAC_256, KeyUsage = KeyUsageType.GENERATE_VERIFY_MAC }, As(SymmetricCreator)),
            "AccessDeniedException", NoIdentityAllow(SymmetricCreator, "kms:CreateKey", "*"));
        Assert.Equal(count, await KeyCount());
    }
}
