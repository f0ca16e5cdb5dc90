using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Server.Tests.Support;
using KmsActors.TestKit.Byok;
using KmsModel = KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>
/// The import refusals of the engine tests (ImportRefusalTests) as the AWS SDK sees them: the SDK's exception type,
/// the engine's message where it is pinned, and the key still pending import afterwards.
/// ExpiredImportTokenException is in <see cref="SdkExpiredImportTokenTests"/>, on a server with a virtual clock.
/// </summary>
public sealed class SdkImportRefusalTests(EngineServerFixture fixture) : SdkTestBase(fixture), IClassFixture<EngineServerFixture>
{
    private const string UnknownKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";

    private static byte[] Symmetric() => KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT);

    [Fact]
    public async Task an_unknown_key_is_not_found()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId);
        var unknownArn = $"arn:aws:kms:us-east-1:{Account}:key/{UnknownKeyId}";

        await Refused<NotFoundException>(() => Parameters(UnknownKeyId), $"Key '{unknownArn}' does not exist");
        await Refused<NotFoundException>(() => Kms.ImportKeyMaterialAsync(Request(unknownArn, parameters, Wrap(parameters, Symmetric()))),
            $"Key '{unknownArn}' does not exist");
        await AssertStillPendingImport(key.KeyId);
    }

    [Fact]
    public async Task a_malformed_arn_is_not_found_invalid_arn_as_aws_answers()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId);

        await Refused<NotFoundException>(() => Parameters($"arn:aws:kms:us-east-1:{Account}"), "Invalid arn");
        await Refused<NotFoundException>(() => Kms.ImportKeyMaterialAsync(Request($"arn:aws:kms:us-east-1:{Account}:key", parameters, Wrap(parameters, Symmetric()))), "Invalid arn");
        await Refused<NotFoundException>(() => Parameters(key.Arn.Replace(":us-east-1:", ":eu-west-1:")), "Invalid arn eu-west-1");
        await AssertStillPendingImport(key.KeyId);
    }

    [Fact]
    public async Task an_alias_is_refused_where_only_a_key_id_or_arn_is_allowed()
    {
        var key = await CreateExternalKey();
        await Kms.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/sdk-byok", TargetKeyId = key.KeyId });
        var aliasArn = $"arn:aws:kms:us-east-1:{Account}:alias/sdk-byok";
        var parameters = await Parameters(key.KeyId);

        await Refused<NotFoundException>(() => Parameters("alias/sdk-byok"), "Invalid keyId 'alias/sdk-byok'");
        await Refused<NotFoundException>(() => Parameters(aliasArn), $"Invalid keyId '{aliasArn}'");
        await Refused<NotFoundException>(() => Kms.ImportKeyMaterialAsync(Request("alias/sdk-byok", parameters, Wrap(parameters, Symmetric()))),
            "Invalid keyId 'alias/sdk-byok'");
        await AssertStillPendingImport("alias/sdk-byok");
    }

    [Fact]
    public async Task a_garbled_token_is_an_invalid_import_token()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId);
        var request = Request(key.KeyId, parameters, Wrap(parameters, Symmetric()));
        request.ImportToken = Stream("not a token"u8.ToArray());

        await Refused<InvalidImportTokenException>(() => Kms.ImportKeyMaterialAsync(request));
        await AssertStillPendingImport(key.KeyId);
    }

    [Fact]
    public async Task a_tampered_token_is_an_invalid_import_token_and_the_untampered_one_still_works()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId);
        var wrapped = Wrap(parameters, Symmetric());
        var tampered = parameters.ImportToken.ToArray();
        tampered[tampered.Length / 2] ^= 0x01;
        var request = Request(key.KeyId, parameters, wrapped);
        request.ImportToken = Stream(tampered);

        await Refused<InvalidImportTokenException>(() => Kms.ImportKeyMaterialAsync(request));
        await AssertStillPendingImport(key.KeyId);
        await Kms.ImportKeyMaterialAsync(Request(key.KeyId, parameters, wrapped));
        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId)).KeyState);
    }

    [Fact]
    public async Task a_token_used_before_is_an_invalid_import_token()
    {
        var key = await CreateExternalKey();
        var material = Symmetric();
        var parameters = await Parameters(key.KeyId);
        await Kms.ImportKeyMaterialAsync(Request(key.KeyId, parameters, Wrap(parameters, material)));

        await Refused<InvalidImportTokenException>(() => Kms.ImportKeyMaterialAsync(Request(key.KeyId, parameters, Wrap(parameters, material))),
            "The import token has already been used. Call GetParametersForImport for a new public key and import token.");
        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId)).KeyState);
    }

    [Fact]
    public async Task the_token_of_another_key_is_an_invalid_import_token()
    {
        var key = await CreateExternalKey();
        var other = await CreateExternalKey();
        var foreign = await Parameters(other.KeyId);

        await Refused<InvalidImportTokenException>(() => Kms.ImportKeyMaterialAsync(Request(key.KeyId, foreign, Wrap(foreign, Symmetric()))));
        await AssertStillPendingImport(key.KeyId);
        await AssertStillPendingImport(other.KeyId);
    }

    [Fact]
    public async Task material_wrapped_for_another_public_key_is_an_invalid_ciphertext()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId);
        var foreign = await Parameters((await CreateExternalKey()).KeyId);

        await Refused<InvalidCiphertextException>(() => Kms.ImportKeyMaterialAsync(Request(key.KeyId, parameters, Wrap(foreign, Symmetric()))));
        await AssertStillPendingImport(key.KeyId);
    }

    [Theory]
    [InlineData("RSAES_OAEP_SHA_256", "RSAES_OAEP_SHA_1")]
    [InlineData("RSA_AES_KEY_WRAP_SHA_256", "RSA_AES_KEY_WRAP_SHA_1")]
    [InlineData("RSA_AES_KEY_WRAP_SHA_256", "RSAES_OAEP_SHA_256")]
    public async Task material_wrapped_with_another_algorithm_than_the_token_names_is_an_invalid_ciphertext(string requested, string used)
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId, AlgorithmSpec.FindValue(requested));

        await Refused<InvalidCiphertextException>(() => Kms.ImportKeyMaterialAsync(Request(key.KeyId, parameters, Wrap(parameters, Symmetric(), AlgorithmSpec.FindValue(used)))));
        await AssertStillPendingImport(key.KeyId);
    }

    [Theory]
    [InlineData("RSAES_OAEP_SHA_256", 1)]
    [InlineData("RSA_AES_KEY_WRAP_SHA_256", 8)]
    public async Task truncated_encrypted_key_material_is_an_invalid_ciphertext(string algorithmName, int cut)
    {
        var algorithm = AlgorithmSpec.FindValue(algorithmName);
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId, algorithm);
        var wrapped = Wrap(parameters, Symmetric(), algorithm);

        await Refused<InvalidCiphertextException>(() => Kms.ImportKeyMaterialAsync(Request(key.KeyId, parameters, wrapped[..^cut])));
        await AssertStillPendingImport(key.KeyId);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(33)]
    public async Task symmetric_material_of_the_wrong_length_is_incorrect_key_material(int length)
    {
        var key = await CreateExternalKey();

        await Refused<IncorrectKeyMaterialException>(() => Import(key.KeyId, new byte[length]));
        await AssertStillPendingImport(key.KeyId);
    }

    [Fact]
    public async Task ecc_material_on_the_wrong_curve_is_incorrect_key_material()
    {
        var key = await CreateExternalKey(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);

        await Refused<IncorrectKeyMaterialException>(() => Import(key.KeyId, KeyMaterial.Create(KmsModel.KeySpec.ECC_NIST_P384)));
        await AssertStillPendingImport(key.KeyId);
    }

    [Fact]
    public async Task multi_prime_rsa_material_is_incorrect_key_material()
    {
        var key = await CreateExternalKey(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);

        await Refused<IncorrectKeyMaterialException>(() => Import(key.KeyId, KeyMaterial.RsaMultiPrime(2048)));
        await AssertStillPendingImport(key.KeyId);
    }

    [Fact]
    public async Task valid_to_in_the_past_is_a_validation_error()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId);

        await RefusedAsValidation(() => Kms.ImportKeyMaterialAsync(Request(key.KeyId, parameters, Wrap(parameters, Symmetric()), DateTime.UtcNow.AddMinutes(-1))),
            "The validTo date must be in the future.");
        await AssertStillPendingImport(key.KeyId);
    }

    [Fact]
    public async Task valid_to_beyond_365_days_is_a_validation_error()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId);

        await RefusedAsValidation(() => Kms.ImportKeyMaterialAsync(Request(key.KeyId, parameters, Wrap(parameters, Symmetric()), DateTime.UtcNow.AddDays(365).AddMinutes(5))),
            "The validTo date must be no more than 365 days from the current date.");
        await AssertStillPendingImport(key.KeyId);
    }

    [Fact]
    public async Task valid_to_with_key_material_does_not_expire_is_a_validation_error()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId);
        var request = Request(key.KeyId, parameters, Wrap(parameters, Symmetric()));
        request.ValidTo = DateTime.UtcNow.AddDays(30);

        await RefusedAsValidation(() => Kms.ImportKeyMaterialAsync(request),
            "A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE");
        await AssertStillPendingImport(key.KeyId);
    }

    [Fact]
    public async Task import_type_on_an_asymmetric_key_is_an_unsupported_operation()
    {
        var key = await CreateExternalKey(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        var parameters = await Parameters(key.KeyId);
        var request = Request(key.KeyId, parameters, Wrap(parameters, KeyMaterial.Create(KmsModel.KeySpec.ECC_NIST_P256)));
        request.ImportType = ImportType.NEW_KEY_MATERIAL;

        await Refused<UnsupportedOperationException>(() => Kms.ImportKeyMaterialAsync(request),
            $"{key.Arn} key spec is ECC_NIST_P256; ImportType is supported only for symmetric encryption KMS keys.");
        await AssertStillPendingImport(key.KeyId);
    }
}
