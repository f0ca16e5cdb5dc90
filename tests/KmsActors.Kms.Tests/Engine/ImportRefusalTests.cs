using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>
/// Every bad input to GetParametersForImport / ImportKeyMaterial through the engine answers the AWS error and
/// leaves the key exactly as it was (docs/byok.md).
/// </summary>
public sealed class ImportRefusalTests : EngineTestBase
{
    private const string UnknownKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";

    [Fact]
    public async Task import_into_an_unknown_key_is_rejected()
    {
        var (key, material) = await ImportedKey();
        var parameters = await Parameters(key.KeyId!);
        var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material);
        var unknownArn = $"arn:aws:kms:us-east-1:111122223333:key/{UnknownKeyId}";

        await AssertRefused(() => Parameters(UnknownKeyId), KmsErrorCodes.NotFoundException, $"Key '{unknownArn}' does not exist");
        await AssertRefused(() => Engine.ImportKeyMaterial(Request(unknownArn, parameters, wrapped)), KmsErrorCodes.NotFoundException, $"Key '{unknownArn}' does not exist");
        // The import parameters of the real key are still good.
        await Engine.ImportKeyMaterial(Request(key.KeyId!, parameters, wrapped));
    }

    [Fact]
    public async Task import_with_a_malformed_arn_is_not_found_invalid_arn_as_aws_answers()
    {
        var key = await CreateExternalKey();

        await AssertRefused(() => Parameters("arn:aws:kms:us-east-1:111122223333"), KmsErrorCodes.NotFoundException, "Invalid arn");
        await AssertRefusedUnchanged(key.KeyId!, async () =>
        {
            var parameters = await Parameters(key.KeyId!);
            await Engine.ImportKeyMaterial(Request("arn:aws:kms:us-east-1:111122223333:key", parameters,
                KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT))));
        }, KmsErrorCodes.NotFoundException, "Invalid arn");
    }

    [Fact]
    public async Task import_operations_refuse_an_alias_where_only_a_key_id_or_arn_is_allowed()
    {
        var (key, material) = await ImportedKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/byok", TargetKeyId = key.KeyId });
        var aliasArn = "arn:aws:kms:us-east-1:111122223333:alias/byok";
        var parameters = await Parameters(key.KeyId!);
        var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material);

        await AssertRefusedUnchanged(key.KeyId!, () => Parameters("alias/byok"), KmsErrorCodes.NotFoundException, "Invalid keyId 'alias/byok'");
        await AssertRefusedUnchanged(key.KeyId!, () => Parameters(aliasArn), KmsErrorCodes.NotFoundException, $"Invalid keyId '{aliasArn}'");
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.ImportKeyMaterial(Request("alias/byok", parameters, wrapped)),
            KmsErrorCodes.NotFoundException, "Invalid keyId 'alias/byok'");
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.DeleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest { KeyId = aliasArn }),
            KmsErrorCodes.NotFoundException, $"Invalid keyId '{aliasArn}'");
        // DescribeKey accepts the alias: the refusal is about the import operations only.
        Assert.Equal(key.KeyId, (await Describe("alias/byok")).KeyId);
    }

    [Fact]
    public async Task import_with_a_garbled_token_is_rejected()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId!);
        var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT));

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.ImportKeyMaterial(Request(key.KeyId!, parameters with { ImportToken = "not a token"u8.ToArray() }, wrapped)),
            KmsErrorCodes.InvalidImportTokenException);
    }

    [Fact]
    public async Task import_with_a_tampered_token_is_rejected()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId!);
        var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT));
        var tampered = (byte[])parameters.ImportToken!.Clone();
        tampered[tampered.Length / 2] ^= 0x01;

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.ImportKeyMaterial(Request(key.KeyId!, parameters with { ImportToken = tampered }, wrapped)),
            KmsErrorCodes.InvalidImportTokenException);
        // The untampered token still works.
        await Engine.ImportKeyMaterial(Request(key.KeyId!, parameters, wrapped));
        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId!)).KeyState);
    }

    [Fact]
    public async Task import_with_a_token_used_before_is_rejected()
    {
        var key = await CreateExternalKey();
        var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var parameters = await Parameters(key.KeyId!);
        await Engine.ImportKeyMaterial(Request(key.KeyId!, parameters, KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material)));

        await AssertRefusedUnchanged(key.KeyId!,
            () => Engine.ImportKeyMaterial(Request(key.KeyId!, parameters, KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material))),
            KmsErrorCodes.InvalidImportTokenException,
            "The import token has already been used. Call GetParametersForImport for a new public key and import token.");
    }

    [Fact]
    public async Task a_used_token_is_rejected_before_the_material_is_unwrapped()
    {
        var (key, material) = await ImportedKey(KeySpec.HMAC_256);
        var parameters = await Parameters(key.KeyId!);
        await Engine.ImportKeyMaterial(Request(key.KeyId!, parameters, KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material)));

        // docs/byok.md: a second use is InvalidImportTokenException whatever comes with it, even material that does not unwrap.
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.ImportKeyMaterial(Request(key.KeyId!, parameters, "not wrapped"u8.ToArray())),
            KmsErrorCodes.InvalidImportTokenException,
            "The import token has already been used. Call GetParametersForImport for a new public key and import token.");
    }

    [Fact]
    public async Task import_with_an_expired_token_is_rejected()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId!);
        Assert.Equal(EngineNow.AddHours(24), parameters.ParametersValidTo);
        var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT));

        await AdvanceAsync(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.ImportKeyMaterial(Request(key.KeyId!, parameters, wrapped)), KmsErrorCodes.ExpiredImportTokenException);
        Assert.Equal(KeyState.PendingImport, (await Describe(key.KeyId!)).KeyState);
    }

    [Fact]
    public async Task import_with_token_of_another_key_is_rejected()
    {
        var key = await CreateExternalKey();
        var other = await CreateExternalKey();
        var foreign = await Parameters(other.KeyId!);
        var wrapped = KeyMaterialWrapper.Wrap(foreign.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT));

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.ImportKeyMaterial(Request(key.KeyId!, foreign, wrapped)), KmsErrorCodes.InvalidImportTokenException);
        Assert.Equal(KeyState.PendingImport, (await Describe(other.KeyId!)).KeyState);
    }

    [Fact]
    public async Task material_wrapped_with_a_foreign_public_key_is_rejected()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId!);
        var foreign = await Parameters((await CreateExternalKey()).KeyId!);
        var wrapped = KeyMaterialWrapper.Wrap(foreign.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT));

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.ImportKeyMaterial(Request(key.KeyId!, parameters, wrapped)), KmsErrorCodes.InvalidCiphertextException);
    }

    [Theory]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, AlgorithmSpec.RSAES_OAEP_SHA_1)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_1, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, AlgorithmSpec.RSAES_OAEP_SHA_256)]
    public async Task material_wrapped_with_another_algorithm_than_the_token_names_is_rejected(AlgorithmSpec requested, AlgorithmSpec used)
    {
        var (key, material) = await ImportedKey();
        var parameters = await Parameters(key.KeyId!, requested);
        var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey!, used, material);

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.ImportKeyMaterial(Request(key.KeyId!, parameters, wrapped)), KmsErrorCodes.InvalidCiphertextException);
    }

    [Theory]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, 1)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, 8)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, 40)]
    public async Task a_truncated_wrapped_blob_is_rejected(AlgorithmSpec algorithm, int cut)
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId!, algorithm);
        var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey!, algorithm, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT));

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.ImportKeyMaterial(Request(key.KeyId!, parameters, wrapped[..^cut])), KmsErrorCodes.InvalidCiphertextException);
    }

    [Theory]
    [InlineData(KeySpec.SYMMETRIC_DEFAULT, 31)]
    [InlineData(KeySpec.SYMMETRIC_DEFAULT, 16)]
    [InlineData(KeySpec.SYMMETRIC_DEFAULT, 33)]
    [InlineData(KeySpec.HMAC_256, 31)]
    [InlineData(KeySpec.HMAC_512, 129)]
    public async Task material_of_the_wrong_length_is_rejected(KeySpec spec, int length)
    {
        var key = await CreateExternalKey(spec);
        var material = new byte[length];
        Random.Shared.NextBytes(material);

        await AssertRefusedUnchanged(key.KeyId!, () => Import(key.KeyId!, material), KmsErrorCodes.IncorrectKeyMaterialException);
    }

    [Fact]
    public async Task an_rsa_key_of_another_size_is_rejected()
    {
        var key = await CreateExternalKey(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);

        await AssertRefusedUnchanged(key.KeyId!, () => Import(key.KeyId!, KeyMaterial.CreateCached(KeySpec.RSA_3072)), KmsErrorCodes.IncorrectKeyMaterialException);
    }

    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_P384)]
    [InlineData(KeySpec.ECC_NIST_P256, KeySpec.ECC_SECG_P256K1)]
    [InlineData(KeySpec.ECC_NIST_P384, KeySpec.ECC_NIST_P256)]
    public async Task material_on_the_wrong_curve_is_rejected(KeySpec spec, KeySpec materialSpec)
    {
        var key = await CreateExternalKey(spec);

        await AssertRefusedUnchanged(key.KeyId!, () => Import(key.KeyId!, KeyMaterial.Create(materialSpec)), KmsErrorCodes.IncorrectKeyMaterialException);
    }

    [Fact]
    public async Task ec_material_with_explicit_curve_parameters_is_rejected()
    {
        var key = await CreateExternalKey(KeySpec.ECC_NIST_P256);

        await AssertRefusedUnchanged(key.KeyId!, () => Import(key.KeyId!, KeyMaterial.EcExplicitParameters(KeySpec.ECC_NIST_P256)), KmsErrorCodes.IncorrectKeyMaterialException);
    }

    [Fact]
    public async Task multi_prime_rsa_material_is_rejected()
    {
        var key = await CreateExternalKey(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);

        await AssertRefusedUnchanged(key.KeyId!, () => Import(key.KeyId!, KeyMaterial.RsaMultiPrime(2048)), KmsErrorCodes.IncorrectKeyMaterialException);
    }

    [Fact]
    public async Task different_material_cannot_be_reimported()
    {
        var (key, _) = await ImportedKey();

        await AssertRefusedUnchanged(key.KeyId!, () => Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT)), KmsErrorCodes.IncorrectKeyMaterialException,
            $"The key material does not match the key material previously imported into {key.Arn}.");
    }

    [Fact]
    public async Task valid_to_in_the_past_is_rejected()
    {
        var (key, material) = await ImportedKey();

        await AssertRefusedUnchanged(key.KeyId!, () => Import(key.KeyId!, material, validTo: EngineNow.AddSeconds(-1)), KmsErrorCodes.ValidationException,
            "The validTo date must be in the future.");
    }

    [Fact]
    public async Task valid_to_beyond_365_days_is_rejected()
    {
        var (key, material) = await ImportedKey();

        await AssertRefusedUnchanged(key.KeyId!, () => Import(key.KeyId!, material, validTo: EngineNow.AddDays(365).AddSeconds(1)), KmsErrorCodes.ValidationException,
            "The validTo date must be no more than 365 days from the current date.");
    }

    [Fact]
    public async Task valid_to_with_does_not_expire_is_rejected()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId!);
        var request = Request(key.KeyId!, parameters, KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT)))
            with { ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE, ValidTo = EngineNow.AddDays(30) };

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.ImportKeyMaterial(request), KmsErrorCodes.ValidationException,
            "A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE");
    }

    [Fact]
    public async Task a_bare_import_without_valid_to_is_rejected_because_material_expires_by_default()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId!);
        var request = Request(key.KeyId!, parameters, KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT)))
            with { ExpirationModel = null, ValidTo = null };

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.ImportKeyMaterial(request), KmsErrorCodes.ValidationException,
            "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES");
    }

    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256, ImportType.NEW_KEY_MATERIAL)]
    [InlineData(KeySpec.HMAC_256, ImportType.EXISTING_KEY_MATERIAL)]
    public async Task import_type_on_a_non_symmetric_key_is_rejected(KeySpec spec, ImportType importType)
    {
        var key = await CreateExternalKey(spec);

        await AssertRefusedUnchanged(key.KeyId!, () => Import(key.KeyId!, KeyMaterial.Create(spec), importType: importType), KmsErrorCodes.UnsupportedOperationException,
            $"{key.Arn} key spec is {spec}; ImportType is supported only for symmetric encryption KMS keys.");
    }

    [Fact]
    public async Task import_parameters_for_a_key_with_kms_material_are_refused()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;

        await AssertRefusedUnchanged(key.KeyId!, () => Parameters(key.KeyId!), KmsErrorCodes.UnsupportedOperationException,
            $"{key.Arn} origin is AWS_KMS which is not valid for this operation.");
    }

    [Fact]
    public async Task a_p521_key_cannot_be_wrapped_with_rsaes_oaep_under_rsa_2048()
    {
        var key = await CreateExternalKey(KeySpec.ECC_NIST_P521);

        await AssertRefusedUnchanged(key.KeyId!, () => Parameters(key.KeyId!, AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048), KmsErrorCodes.ValidationException);
    }
}
