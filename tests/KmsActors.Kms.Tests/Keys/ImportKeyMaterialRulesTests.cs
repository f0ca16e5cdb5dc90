using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Keys.TestKeys;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>ImportKeyMaterial rules (docs/byok.md).</summary>
public sealed class ImportKeyMaterialRulesTests
{
    private static KmsKey NewExternal(KeySpec spec = KeySpec.SYMMETRIC_DEFAULT, KeyUsageType? usage = null) =>
        Create(new CreateKeyRequest { Origin = OriginType.EXTERNAL, KeySpec = spec, KeyUsage = usage });

    private static KeyDecision Decide(KmsKey key, ImportKeyMaterialRequest request, GeneratedMaterial material, DateTimeOffset? now = null, string? tokenId = null) =>
        KeyRules.Decide(key, request, Context(now, import: ValidImport(material, tokenId)));

    [Fact]
    public void first_import_with_does_not_expire_enables_the_key_and_answers_key_arn_and_material_id()
    {
        var key = NewExternal();
        var decision = Decide(key, ImportRequest(key), Material(1));
        var after = decision.Events.Aggregate(key, KeyRules.Apply);

        var response = Assert.IsType<ImportKeyMaterialResponse>(decision.Response);
        Assert.Equal((key.Arn, Material(1).KeyMaterialId), (response.KeyId, response.KeyMaterialId));
        Assert.Equal(KeyState.Enabled, after.State);
        var metadata = KeyRules.Describe(after);
        Assert.Equal((true, ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE, (DateTimeOffset?)null, Material(1).KeyMaterialId),
            (metadata.Enabled, metadata.ExpirationModel, metadata.ValidTo, metadata.CurrentKeyMaterialId));
    }

    [Fact]
    public void omitted_expiration_model_defaults_to_expires_and_then_needs_valid_to()
    {
        var key = NewExternal();
        var request = ImportRequest(key) with { ExpirationModel = null };
        Refused(KmsErrorCodes.ValidationException, "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES", () => Decide(key, request, Material(1)));
        Assert.Equal(KeyState.PendingImport, key.State);
    }

    [Fact]
    public void valid_to_with_does_not_expire_is_refused()
    {
        var key = NewExternal();
        Refused(KmsErrorCodes.ValidationException, "A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE",
            () => Decide(key, ImportRequest(key) with { ValidTo = T0.AddDays(1) }, Material(1)));
    }

    [Fact]
    public void valid_to_in_the_past_is_refused()
    {
        var key = NewExternal();
        Refused(KmsErrorCodes.ValidationException, "The validTo date must be in the future.",
            () => Decide(key, ImportRequest(key, ExpirationModelType.KEY_MATERIAL_EXPIRES, T0.AddSeconds(-1)), Material(1)));
    }

    [Fact]
    public void valid_to_more_than_365_days_ahead_is_refused_and_exactly_365_days_is_accepted()
    {
        var key = NewExternal();
        Refused(KmsErrorCodes.ValidationException, "The validTo date must be no more than 365 days from the current date.",
            () => Decide(key, ImportRequest(key, ExpirationModelType.KEY_MATERIAL_EXPIRES, T0.AddDays(365).AddSeconds(1)), Material(1)));
        var after = Imported(key, Material(1), validTo: T0.AddDays(365));
        Assert.Equal((KeyState.Enabled, (DateTimeOffset?)T0.AddDays(365), ExpirationModelType.KEY_MATERIAL_EXPIRES),
            (after.State, KeyRules.Describe(after).ValidTo, KeyRules.Describe(after).ExpirationModel));
    }

    [Fact]
    public void missing_required_members_are_listed_in_one_validation_error_by_the_model_check()
    {
        var key = NewExternal();
        Refused(KmsErrorCodes.ValidationException,
            "2 validation errors detected: Value null at 'importToken' failed to satisfy constraint: Member must not be null; Value null at 'encryptedKeyMaterial' failed to satisfy constraint: Member must not be null",
            () => RequestValidation.Check(ImportRequest(key) with { ImportToken = null, EncryptedKeyMaterial = null }, "us-east-1"));
    }

    [Fact]
    public void a_token_is_single_use()
    {
        var key = NewExternal();
        var first = Decide(key, ImportRequest(key), Material(1), tokenId: "token-1");
        var after = first.Events.Aggregate(key, KeyRules.Apply);
        Refused(KmsErrorCodes.InvalidImportTokenException, "The import token has already been used. Call GetParametersForImport for a new public key and import token.",
            () => Decide(after, ImportRequest(after), Material(1), tokenId: "token-1"));
    }

    [Fact]
    public void consumed_tokens_are_forgotten_once_they_would_have_expired()
    {
        var key = Run(NewExternal(), ImportRequest(NewExternal()), Context(import: ValidImport(Material(1), "old", T0.AddHours(24))));
        var later = Run(key, ImportRequest(key), Context(T0.AddDays(2), import: ValidImport(Material(1), "new", T0.AddDays(3))));
        Assert.Equal(["new"], later.ConsumedImportTokens.Keys);
    }

    [Fact]
    public void an_expired_token_is_refused_against_the_engine_clock()
    {
        var key = NewExternal();
        Refused(KmsErrorCodes.ExpiredImportTokenException, "The import token is expired. Call GetParametersForImport for a new public key and import token.",
            () => KeyRules.Decide(key, ImportRequest(key), Context(T0.AddHours(25), import: ValidImport(Material(1), tokenValidTo: T0.AddHours(24)))));
    }

    [Fact]
    public void import_type_on_an_asymmetric_key_is_unsupported()
    {
        var key = NewExternal(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        Refused(KmsErrorCodes.UnsupportedOperationException, $"{key.Arn} key spec is ECC_NIST_P256; ImportType is supported only for symmetric encryption KMS keys.",
            () => Decide(key, ImportRequest(key, importType: ImportType.NEW_KEY_MATERIAL), Material(1)));
    }

    [Fact]
    public void reimport_of_different_material_is_incorrect_key_material_and_changes_nothing()
    {
        var key = Imported(NewExternal(), Material(1));
        Refused(KmsErrorCodes.IncorrectKeyMaterialException, $"The key material does not match the key material previously imported into {key.Arn}.",
            () => Decide(key, ImportRequest(key), Material(2)));
        Assert.Equal(Material(1).Material, key.CurrentMaterial!.Material);
    }

    [Fact]
    public void asymmetric_and_hmac_keys_stay_bound_to_their_first_material()
    {
        var key = Imported(NewExternal(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC), Material(1));
        key = Run(key, new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId }, Context());
        Refused(KmsErrorCodes.IncorrectKeyMaterialException, $"The key material does not match the key material previously imported into {key.Arn}.",
            () => Decide(key, ImportRequest(key), Material(2)));
        Assert.Equal(KeyState.Enabled, Imported(key, Material(1)).State);
    }

    [Fact]
    public void reimport_into_a_disabled_key_keeps_it_disabled_and_replaces_expiry()
    {
        var key = Run(Imported(NewExternal(), Material(1)), new DisableKeyRequest { KeyId = "k" }, Context());
        var after = Imported(key, Material(1), validTo: T0.AddDays(10));
        Assert.Equal((KeyState.Disabled, (DateTimeOffset?)T0.AddDays(10)), (after.State, after.CurrentMaterial!.ValidTo));
    }

    [Fact]
    public void omitted_material_description_keeps_the_previous_one()
    {
        var key = NewExternal();
        key = Run(key, ImportRequest(key) with { KeyMaterialDescription = "first batch" }, Context(import: ValidImport(Material(1))));
        key = Imported(key, Material(1));
        Assert.Equal("first batch", key.CurrentMaterial!.KeyMaterialDescription);
    }

    [Fact]
    public void new_material_on_a_key_with_material_is_pending_rotation_and_the_current_id_is_unchanged()
    {
        var key = Imported(Imported(NewExternal(), Material(1)), Material(2), importType: ImportType.NEW_KEY_MATERIAL);
        Assert.Equal([KeyMaterialState.CURRENT, KeyMaterialState.PENDING_ROTATION], key.Materials.Select(m => m.KeyMaterialState));
        Assert.Equal(Material(1).KeyMaterialId, KeyRules.Describe(key).CurrentKeyMaterialId);
    }

    [Fact]
    public void a_second_pending_material_is_refused_with_the_aws_message()
    {
        var key = Imported(Imported(NewExternal(), Material(1)), Material(2), importType: ImportType.NEW_KEY_MATERIAL);
        Refused(KmsErrorCodes.KMSInvalidStateException,
            $"New key material (id: {Material(3).KeyMaterialId}) cannot be imported into KMS key {key.Arn}, because another key material (id: {Material(2).KeyMaterialId}) is pending rotation.",
            () => Decide(key, ImportRequest(key, importType: ImportType.NEW_KEY_MATERIAL), Material(3)));
    }

    [Fact]
    public void new_import_of_already_associated_material_is_incorrect_key_material()
    {
        var key = Imported(NewExternal(), Material(1));
        Refused(KmsErrorCodes.IncorrectKeyMaterialException,
            $"The key material (id: {Material(1).KeyMaterialId}) is already associated with {key.Arn}; import it with ImportType EXISTING_KEY_MATERIAL.",
            () => Decide(key, ImportRequest(key, importType: ImportType.NEW_KEY_MATERIAL), Material(1)));
    }

    [Fact]
    public void key_material_id_cannot_be_combined_with_new_key_material()
    {
        var key = Imported(NewExternal(), Material(1));
        Refused(KmsErrorCodes.ValidationException, "KeyMaterialId cannot be specified when ImportType is NEW_KEY_MATERIAL.",
            () => Decide(key, ImportRequest(key, importType: ImportType.NEW_KEY_MATERIAL) with { KeyMaterialId = Material(2).KeyMaterialId }, Material(2)));
    }

    [Fact]
    public void key_material_id_must_equal_the_computed_id_of_an_associated_material()
    {
        var key = Imported(NewExternal(), Material(1));
        var wrongId = Material(2).KeyMaterialId;
        Refused(KmsErrorCodes.IncorrectKeyMaterialException, $"The key material ID {wrongId} does not match the imported key material or is not associated with {key.Arn}.",
            () => Decide(key, ImportRequest(key) with { KeyMaterialId = wrongId }, Material(1)));
        var ok = Decide(key, ImportRequest(key) with { KeyMaterialId = Material(1).KeyMaterialId }, Material(1));
        Assert.Single(ok.Events);
    }

    [Fact]
    public void malformed_key_material_id_is_a_validation_error()
    {
        var key = Imported(NewExternal(), Material(1));
        Refused(KmsErrorCodes.ValidationException,
            "2 validation errors detected: Value 'ABC' at 'keyMaterialId' failed to satisfy constraint: Member must have length greater than or equal to 64; Value 'ABC' at 'keyMaterialId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-f0-9]+$",
            () => RequestValidation.Check(ImportRequest(key) with { KeyMaterialId = "ABC" }, "us-east-1"));
    }

    [Fact]
    public void pending_import_key_with_deleted_current_material_is_enabled_only_when_that_material_returns()
    {
        var key = Imported(Imported(NewExternal(), Material(1)), Material(2), importType: ImportType.NEW_KEY_MATERIAL);
        key = Run(key, new RotateKeyOnDemandRequest { KeyId = "k" }, Context());
        key = Run(key, new DeleteImportedKeyMaterialRequest { KeyId = "k", KeyMaterialId = Material(1).KeyMaterialId }, Context());
        Assert.Equal(KeyState.PendingImport, key.State);
        Assert.Equal(KeyState.Enabled, Imported(key, Material(1)).State);
    }

    [Fact]
    public void import_on_a_pending_deletion_key_is_invalid_state()
    {
        var key = External(KeyState.PendingDeletion);
        Refused(KmsErrorCodes.KMSInvalidStateException, $"{key.Arn} is pending deletion.", () => Decide(key, ImportRequest(key), Material(1)));
    }
}
