using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Keys.TestKeys;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>On-demand rotation, ListKeyRotations and automatic-rotation settings (docs/byok.md, docs/limits.md).</summary>
public sealed class RotationRulesTests
{
    private static KmsKey Rotate(KmsKey key, int generatedSeed = 50) =>
        Run(key, new RotateKeyOnDemandRequest { KeyId = key.KeyId }, Context(T0.AddDays(1), generated: Material(generatedSeed)));

    [Fact]
    public void rotating_an_external_key_promotes_the_pending_material_and_demotes_the_current_one()
    {
        var key = Rotate(Imported(External(KeyState.Enabled), Material(2), importType: ImportType.NEW_KEY_MATERIAL));
        Assert.Equal([(Material(1).KeyMaterialId, KeyMaterialState.NON_CURRENT, (DateTimeOffset?)null), (Material(2).KeyMaterialId, KeyMaterialState.CURRENT, T0.AddDays(1))],
            key.Materials.Select(m => (m.KeyMaterialId, m.KeyMaterialState, m.RotationDate)));
        Assert.Equal((Material(2).KeyMaterialId, 1), (KeyRules.Describe(key).CurrentKeyMaterialId, key.OnDemandRotations));
    }

    [Fact]
    public void rotating_an_aws_kms_key_adds_the_generated_material()
    {
        var key = Rotate(AwsKms(KeyState.Enabled));
        Assert.Equal(Material(50).Material, key.CurrentMaterial!.Material);
        Assert.Equal(RotationType.ON_DEMAND, key.CurrentMaterial.RotationType);
    }

    [Fact]
    public void the_26th_on_demand_rotation_is_refused_with_the_aws_message()
    {
        var key = AwsKms(KeyState.Enabled);
        for (var i = 0; i < 25; i++)
            key = Rotate(key, 100 + i);
        Refused(KmsErrorCodes.LimitExceededException,
            $"The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: {key.Arn}",
            () => Rotate(key));
        Assert.Equal(25, key.OnDemandRotations);
    }

    [Fact]
    public void list_key_rotations_lists_rotations_only_by_default_and_all_material_on_request()
    {
        var key = Imported(External(KeyState.Enabled), Material(2), importType: ImportType.NEW_KEY_MATERIAL);
        var rotationsOnly = (ListKeyRotationsResponse)KeyRules.Decide(key, new ListKeyRotationsRequest { KeyId = key.KeyId }, Context()).Response!;
        Assert.Empty(rotationsOnly.Rotations!);
        var all = (ListKeyRotationsResponse)KeyRules.Decide(key, new ListKeyRotationsRequest { KeyId = key.KeyId, IncludeKeyMaterial = IncludeKeyMaterial.ALL_KEY_MATERIAL }, Context()).Response!;
        Assert.Equal([(KeyMaterialState.CURRENT, ImportState.IMPORTED), (KeyMaterialState.PENDING_ROTATION, ImportState.IMPORTED)],
            all.Rotations!.Select(r => (r.KeyMaterialState!.Value, r.ImportState!.Value)));
        Assert.All(all.Rotations!, r => Assert.Equal((key.KeyId, ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE), (r.KeyId, r.ExpirationModel!.Value)));
    }

    [Fact]
    public void list_key_rotations_pages_with_limit_and_marker()
    {
        var key = Rotate(Rotate(Rotate(AwsKms(KeyState.Enabled), 61), 62), 63);
        var first = (ListKeyRotationsResponse)KeyRules.Decide(key, new ListKeyRotationsRequest { KeyId = "k", Limit = 2 }, Context()).Response!;
        Assert.Equal((2, true), (first.Rotations!.Count, first.Truncated!.Value));
        var second = (ListKeyRotationsResponse)KeyRules.Decide(key, new ListKeyRotationsRequest { KeyId = "k", Limit = 2, Marker = first.NextMarker }, Context()).Response!;
        Assert.Equal((Material(63).KeyMaterialId, false, (string?)null), (second.Rotations!.Single().KeyMaterialId, second.Truncated!.Value, second.NextMarker));
        Refused(KmsErrorCodes.InvalidMarkerException, "Invalid marker",
            () => KeyRules.Decide(key, new ListKeyRotationsRequest { KeyId = "k", Marker = "zz" }, Context()));
    }

    [Fact]
    public void get_key_rotation_status_of_an_external_symmetric_key_is_false()
    {
        var key = External(KeyState.PendingImport);
        var response = (GetKeyRotationStatusResponse)KeyRules.Decide(key, new GetKeyRotationStatusRequest { KeyId = "k" }, Context()).Response!;
        Assert.Equal((false, key.Arn), (response.KeyRotationEnabled!.Value, response.KeyId));
    }

    [Fact]
    public void enable_key_rotation_stores_the_period_and_next_rotation_date()
    {
        var key = Run(AwsKms(KeyState.Enabled), new EnableKeyRotationRequest { KeyId = "k", RotationPeriodInDays = 90 }, Context());
        var response = (GetKeyRotationStatusResponse)KeyRules.Decide(key, new GetKeyRotationStatusRequest { KeyId = "k" }, Context()).Response!;
        Assert.Equal((true, 90, (DateTimeOffset?)T0.AddDays(90)), (response.KeyRotationEnabled!.Value, response.RotationPeriodInDays!.Value, response.NextRotationDate));
        var off = Run(key, new DisableKeyRotationRequest { KeyId = "k" }, Context());
        Assert.False(((GetKeyRotationStatusResponse)KeyRules.Decide(off, new GetKeyRotationStatusRequest { KeyId = "k" }, Context()).Response!).KeyRotationEnabled);
    }

    [Theory]
    [InlineData(89, "Member must have value greater than or equal to 90")]
    [InlineData(2561, "Member must have value less than or equal to 2560")]
    public void rotation_period_outside_90_to_2560_days_is_a_validation_error(int days, string constraint)
    {
        Refused(KmsErrorCodes.ValidationException, $"1 validation error detected: Value '{days}' at 'rotationPeriodInDays' failed to satisfy constraint: {constraint}",
            () => RequestValidation.Check(new EnableKeyRotationRequest { KeyId = "k", RotationPeriodInDays = days }, "us-east-1"));
    }
}
