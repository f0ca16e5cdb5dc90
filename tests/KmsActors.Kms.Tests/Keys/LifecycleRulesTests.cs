using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Keys.TestKeys;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>Material deletion and expiry, deletion scheduling and cancelling (docs/byok.md, docs/key-states.md).</summary>
public sealed class LifecycleRulesTests
{
    private static KmsKey Delete(KmsKey key, string? materialId = null) =>
        Run(key, new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId, KeyMaterialId = materialId }, Context());

    [Theory]
    [InlineData(KeyState.Enabled, KeyState.PendingImport)]
    [InlineData(KeyState.Disabled, KeyState.PendingImport)]
    [InlineData(KeyState.PendingDeletion, KeyState.PendingDeletion)]
    [InlineData(KeyState.PendingImport, KeyState.PendingImport)]
    public void delete_imported_key_material_moves_the_key_as_aws_does(KeyState from, KeyState to)
    {
        var after = Delete(External(from));
        Assert.Equal(to, after.State);
        Assert.All(after.Materials, m => Assert.Null(m.Material));
    }

    [Fact]
    public void deleted_material_keeps_its_id_and_commitment_and_describe_keeps_current_material_id()
    {
        var key = External(KeyState.Enabled);
        var decision = KeyRules.Decide(key, new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId }, Context());
        var after = decision.Events.Aggregate(key, KeyRules.Apply);
        var response = Assert.IsType<DeleteImportedKeyMaterialResponse>(decision.Response);
        Assert.Equal((key.Arn, Material(1).KeyMaterialId), (response.KeyId, response.KeyMaterialId));
        Assert.Equal(Material(1).Commitment, after.Materials.Single().Commitment);
        var metadata = KeyRules.Describe(after);
        Assert.Equal((Material(1).KeyMaterialId, (ExpirationModelType?)null, false), (metadata.CurrentKeyMaterialId, metadata.ExpirationModel, metadata.Enabled!.Value));
    }

    [Fact]
    public void delete_on_a_pending_import_key_succeeds_with_no_effect()
    {
        var key = External(KeyState.PendingImport);
        var decision = KeyRules.Decide(key, new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId }, Context());
        Assert.Empty(decision.Events);
        Assert.Equal(key.Arn, Assert.IsType<DeleteImportedKeyMaterialResponse>(decision.Response).KeyId);
    }

    [Fact]
    public void deleting_pending_rotation_material_leaves_the_key_enabled_and_frees_the_slot()
    {
        var key = Imported(External(KeyState.Enabled), Material(2), importType: ImportType.NEW_KEY_MATERIAL);
        var after = Delete(key, Material(2).KeyMaterialId);
        Assert.Equal(KeyState.Enabled, after.State);
        Assert.Equal([Material(1).KeyMaterialId], after.Materials.Select(m => m.KeyMaterialId));
        Assert.Equal(KeyMaterialState.PENDING_ROTATION, Imported(after, Material(3), importType: ImportType.NEW_KEY_MATERIAL).Materials[1].KeyMaterialState);
    }

    [Fact]
    public void deleting_an_unknown_material_id_is_not_found()
    {
        var key = External(KeyState.Enabled);
        var id = Material(9).KeyMaterialId;
        Refused(KmsErrorCodes.NotFoundException, $"Key material {id} is not associated with {key.Arn}.", () => Delete(key, id));
    }

    [Fact]
    public void expiry_deletes_every_material_at_or_past_valid_to()
    {
        var key = Imported(Create(new CreateKeyRequest { Origin = OriginType.EXTERNAL }), Material(1), validTo: T0.AddDays(1));
        Assert.Empty(KeyRules.ExpireMaterial(key, T0.AddDays(1).AddTicks(-1)).Events);
        var decision = KeyRules.ExpireMaterial(key, T0.AddDays(1));
        Assert.Equal([new KeyMaterialDeleted(Material(1).KeyMaterialId, true, T0.AddDays(1))], decision.Events);
        Assert.Equal(KeyState.PendingImport, decision.Events.Aggregate(key, KeyRules.Apply).State);
    }

    [Fact]
    public void expiry_while_pending_deletion_keeps_pending_deletion_and_cancel_then_goes_to_pending_import()
    {
        var key = Imported(Create(new CreateKeyRequest { Origin = OriginType.EXTERNAL }), Material(1), validTo: T0.AddDays(1));
        key = Run(key, new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = 7 }, Context());
        key = KeyRules.ExpireMaterial(key, T0.AddDays(2)).Events.Aggregate(key, KeyRules.Apply);
        Assert.Equal(KeyState.PendingDeletion, key.State);
        Assert.Equal(KeyState.PendingImport, Run(key, new CancelKeyDeletionRequest { KeyId = key.KeyId }, Context()).State);
    }

    [Fact]
    public void cancel_key_deletion_with_material_present_leaves_the_key_disabled()
    {
        var key = Run(External(KeyState.PendingDeletion), new CancelKeyDeletionRequest { KeyId = "k" }, Context());
        Assert.Equal((KeyState.Disabled, (DateTimeOffset?)null), (key.State, key.DeletionDate));
        Assert.Equal(KeyState.Disabled, Run(AwsKms(KeyState.PendingDeletion), new CancelKeyDeletionRequest { KeyId = "k" }, Context()).State);
    }

    [Theory]
    [InlineData(6, "Member must have value greater than or equal to 7")]
    [InlineData(31, "Member must have value less than or equal to 30")]
    public void pending_window_outside_7_to_30_days_is_a_validation_error(int days, string constraint)
    {
        var key = External(KeyState.Enabled);
        Refused(KmsErrorCodes.ValidationException, $"1 validation error detected: Value '{days}' at 'pendingWindowInDays' failed to satisfy constraint: {constraint}",
            () => Run(key, new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = days }, Context()));
    }

    [Fact]
    public void schedule_key_deletion_defaults_to_30_days_and_answers_the_aws_fields()
    {
        var key = External(KeyState.PendingImport);
        var response = Assert.IsType<ScheduleKeyDeletionResponse>(KeyRules.Decide(key, new ScheduleKeyDeletionRequest { KeyId = key.KeyId }, Context()).Response);
        Assert.Equal((key.Arn, (DateTimeOffset?)T0.AddDays(30), KeyState.PendingDeletion, 30), (response.KeyId, response.DeletionDate, response.KeyState!.Value, response.PendingWindowInDays!.Value));
    }

    [Fact]
    public void a_primary_with_replicas_waits_in_pending_replica_deletion()
    {
        var primary = Create(new CreateKeyRequest { MultiRegion = true });
        primary = KeyRules.AddReplica(primary, primary.Arn.Replace(Region, "eu-west-1")).Events.Aggregate(primary, KeyRules.Apply);
        var key = Run(primary, new ScheduleKeyDeletionRequest { KeyId = primary.KeyId, PendingWindowInDays = 7 }, Context());
        var metadata = KeyRules.Describe(key);
        Assert.Equal((KeyState.PendingReplicaDeletion, 7, (DateTimeOffset?)null), (metadata.KeyState!.Value, metadata.PendingDeletionWindowInDays!.Value, metadata.DeletionDate));
        Refused(KmsErrorCodes.KMSInvalidStateException, $"{key.Arn} is pending replica deletion.", () => Run(key, new EnableKeyRequest { KeyId = "k" }, Context()));
    }

    [Fact]
    public void the_key_is_deleted_at_its_deletion_date_and_not_before()
    {
        var key = External(KeyState.PendingDeletion);
        Assert.Equal(T0.AddDays(30), KeyRules.NextDueDate(key));
        Assert.Empty(KeyRules.DeleteIfDue(key, T0.AddDays(30).AddTicks(-1)).Events);
        Assert.Equal([new KeyDeleted(T0.AddDays(30))], KeyRules.DeleteIfDue(key, T0.AddDays(30)).Events);
    }

    [Fact]
    public void enable_and_disable_toggle_and_are_idempotent()
    {
        var key = AwsKms(KeyState.Enabled);
        Assert.Empty(KeyRules.Decide(key, new EnableKeyRequest { KeyId = "k" }, Context()).Events);
        var disabled = Run(key, new DisableKeyRequest { KeyId = "k" }, Context());
        Assert.Equal((KeyState.Disabled, false), (disabled.State, KeyRules.Describe(disabled).Enabled!.Value));
        Assert.Equal(KeyState.Enabled, Run(disabled, new EnableKeyRequest { KeyId = "k" }, Context()).State);
    }
}
