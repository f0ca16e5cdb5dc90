using System.Globalization;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Authorization;

/// <summary>The condition keys of key material import through the engine: kms:KeyOrigin (CreateKey and a key
/// operation), kms:WrappingAlgorithm, kms:WrappingKeySpec, kms:ExpirationModel, kms:ValidTo (docs/condition-keys.md).</summary>
public sealed class ImportConditionKeyTests() : ConditionKeyTestBase(Config)
{
    private static readonly string Creator = Role("external-creator");
    private static readonly string ExternalUser = Role("external-user");
    private static readonly string AlgorithmImporter = Role("algorithm-importer");
    private static readonly string SpecImporter = Role("spec-importer");
    private static readonly string NoModelImporter = Role("no-model-importer");
    private static readonly string NonExpiringImporter = Role("non-expiring-importer");
    private static readonly string Importer = Role("importer");

    private static readonly string Config = Iam(
        (Creator, Allow("kms:CreateKey", """{"StringEquals":{"kms:KeyOrigin":"EXTERNAL"}}""")),
        (ExternalUser, Allow("kms:Encrypt", """{"StringEquals":{"kms:KeyOrigin":"EXTERNAL"}}""")),
        (AlgorithmImporter, Allow("kms:GetParametersForImport", """{"StringEquals":{"kms:WrappingAlgorithm":"RSA_AES_KEY_WRAP_SHA_256"}}""")),
        (SpecImporter, Allow("kms:GetParametersForImport", """{"StringEquals":{"kms:WrappingKeySpec":"RSA_2048"}}""")),
        // AWS's example: allow ImportKeyMaterial only when the request has no ExpirationModel parameter.
        (NoModelImporter, Allow("kms:ImportKeyMaterial", """{"Null":{"kms:ExpirationModel":true}}""")),
        (NonExpiringImporter, Allow("kms:ImportKeyMaterial", """{"StringEquals":{"kms:ExpirationModel":"KEY_MATERIAL_DOES_NOT_EXPIRE"}}""")),
        (Importer, null));

    [Fact]
    public async Task key_origin_lets_the_role_create_external_keys_only()
    {
        var created = (await Engine.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL }, As(Creator))).KeyMetadata!;
        Assert.Equal((OriginType.EXTERNAL, KeyState.PendingImport), (created.Origin, created.KeyState));
        var count = await KeyCount();

        await AssertRefused(() => Engine.CreateKey(new CreateKeyRequest(), As(Creator)), "AccessDeniedException",
            NoIdentityAllow(Creator, "kms:CreateKey", "*"));
        await AssertRefused(() => Engine.CreateKey(new CreateKeyRequest { Origin = OriginType.AWS_KMS }, As(Creator)), "AccessDeniedException",
            NoIdentityAllow(Creator, "kms:CreateKey", "*"));
        Assert.Equal(count, await KeyCount());
    }

    [Fact]
    public async Task key_origin_on_a_key_operation_is_the_keys_origin()
    {
        var (external, _) = await ImportedKey();
        var generated = await NewKey();

        Assert.Equal(external.Arn, (await EncryptAs(ExternalUser, external.KeyId!)).KeyId);
        await AssertRefused(() => EncryptAs(ExternalUser, generated.KeyId!), "AccessDeniedException",
            NoIdentityAllow(ExternalUser, "kms:Encrypt", generated.Arn!));
    }

    [Fact]
    public async Task wrapping_algorithm_is_the_requested_one()
    {
        var key = await CreateExternalKey();
        var request = new GetParametersForImportRequest { KeyId = key.KeyId, WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048 };

        var parameters = await Engine.GetParametersForImport(request, As(AlgorithmImporter));
        Assert.NotEmpty(parameters.ImportToken!);
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.GetParametersForImport(request with { WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256 }, As(AlgorithmImporter)),
            "AccessDeniedException", NoIdentityAllow(AlgorithmImporter, "kms:GetParametersForImport", key.Arn!));
    }

    [Fact]
    public async Task wrapping_key_spec_is_the_requested_one()
    {
        var key = await CreateExternalKey();
        var request = new GetParametersForImportRequest { KeyId = key.KeyId, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048 };

        Assert.NotEmpty((await Engine.GetParametersForImport(request, As(SpecImporter))).PublicKey!);
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.GetParametersForImport(request with { WrappingKeySpec = WrappingKeySpec.RSA_3072 }, As(SpecImporter)),
            "AccessDeniedException", NoIdentityAllow(SpecImporter, "kms:GetParametersForImport", key.Arn!));
    }

    [Fact]
    public async Task expiration_model_is_absent_when_the_request_omits_it()
    {
        var refusedKey = await CreateExternalKey();
        await AssertRefusedUnchanged(refusedKey.KeyId!, async () => await Engine.ImportKeyMaterial(await WrappedImport(refusedKey.KeyId!, null, ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE), As(NoModelImporter)),
            "AccessDeniedException", NoIdentityAllow(NoModelImporter, "kms:ImportKeyMaterial", refusedKey.Arn!));
        Assert.Equal(KeyState.PendingImport, (await Describe(refusedKey.KeyId!)).KeyState);

        // Omitted, ExpirationModel is KEY_MATERIAL_EXPIRES (AWS's default), so the request gives ValidTo.
        var key = await CreateExternalKey();
        await Engine.ImportKeyMaterial(await WrappedImport(key.KeyId!, EngineNow.AddDays(10), null), As(NoModelImporter));
        var described = await Describe(key.KeyId!);
        Assert.Equal((KeyState.Enabled, ExpirationModelType.KEY_MATERIAL_EXPIRES), (described.KeyState, described.ExpirationModel));
    }

    [Fact]
    public async Task expiration_model_is_the_requested_one()
    {
        var key = await CreateExternalKey();
        await AssertRefusedUnchanged(key.KeyId!, async () => await Engine.ImportKeyMaterial(
                await WrappedImport(key.KeyId!, EngineNow.AddDays(10), ExpirationModelType.KEY_MATERIAL_EXPIRES), As(NonExpiringImporter)),
            "AccessDeniedException", NoIdentityAllow(NonExpiringImporter, "kms:ImportKeyMaterial", key.Arn!));

        await Engine.ImportKeyMaterial(await WrappedImport(key.KeyId!, null, ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE), As(NonExpiringImporter));
        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId!)).KeyState);
    }

    [Fact]
    public async Task valid_to_compares_as_epoch_seconds_with_numeric_operators()
    {
        // AWS's example: "NumericLessThanEquals": {"kms:ValidTo": "1546257599"}.
        var bound = EngineNow.AddDays(30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await ValidToIsCompared($$$"""{"NumericLessThanEquals":{"kms:ValidTo":"{{{bound}}}"}}""");
    }

    [Fact]
    public async Task valid_to_compares_as_a_date_with_date_operators()
    {
        var bound = EngineNow.AddDays(30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await ValidToIsCompared($$$"""{"DateLessThanEquals":{"kms:ValidTo":"{{{bound}}}"}}""");
    }

    /// <summary>The key policy lets role/importer import material that expires within 30 days (the condition needs the
    /// engine's clock, so it is in the key policy rather than kms.iam).</summary>
    private async Task ValidToIsCompared(string condition)
    {
        var key = await NewKey(new CreateKeyRequest
        {
            Origin = OriginType.EXTERNAL,
            Policy = KeyPolicy($$"""{"Sid":"Import short-lived material","Effect":"Allow","Principal":{"AWS":"{{Importer}}"},"Action":"kms:ImportKeyMaterial","Resource":"*","Condition":{{condition}}}"""),
        });

        await AssertRefusedUnchanged(key.KeyId!, async () => await Engine.ImportKeyMaterial(
                await WrappedImport(key.KeyId!, EngineNow.AddDays(60), ExpirationModelType.KEY_MATERIAL_EXPIRES), As(Importer)),
            "AccessDeniedException", NoIdentityAllow(Importer, "kms:ImportKeyMaterial", key.Arn!));
        Assert.Equal(KeyState.PendingImport, (await Describe(key.KeyId!)).KeyState);

        var validTo = EngineNow.AddDays(10);
        await Engine.ImportKeyMaterial(await WrappedImport(key.KeyId!, validTo, ExpirationModelType.KEY_MATERIAL_EXPIRES), As(Importer));
        var described = await Describe(key.KeyId!);
        Assert.Equal((KeyState.Enabled, validTo.ToUnixTimeSeconds()), (described.KeyState, described.ValidTo!.Value.ToUnixTimeSeconds()));
    }

    /// <summary>The root gets import parameters and wraps fresh material; the request carries exactly the given
    /// ValidTo and ExpirationModel (null: omitted).</summary>
    private async Task<ImportKeyMaterialRequest> WrappedImport(string keyId, DateTimeOffset? validTo, ExpirationModelType? model)
    {
        var parameters = await Parameters(keyId);
        var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT));
        return Request(keyId, parameters, wrapped, validTo) with { ExpirationModel = model, ValidTo = validTo };
    }
}
