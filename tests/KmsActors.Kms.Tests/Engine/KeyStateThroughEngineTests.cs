using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>
/// A compact engine-level check that cells of the key-state × operation table (docs/key-states.md: DIS, PDEL, NPDEL,
/// PIMP) and our choices (docs/byok.md) hold through region and key actors; the whole table is tested at rules level.
/// </summary>
public sealed class KeyStateThroughEngineTests : EngineTestBase
{
    [Fact]
    public async Task a_pending_import_key_refuses_use_and_enabling_but_takes_an_alias()
    {
        var key = await CreateExternalKey();
        var signer = await CreateExternalKey(KeySpec.ECC_NIST_P256);
        var pendingImport = $"{key.Arn} is pending import.";

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [1] }), KmsErrorCodes.KMSInvalidStateException, pendingImport);
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.EnableKey(new EnableKeyRequest { KeyId = key.KeyId }), KmsErrorCodes.KMSInvalidStateException, pendingImport);
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.DisableKey(new DisableKeyRequest { KeyId = key.KeyId }), KmsErrorCodes.KMSInvalidStateException, pendingImport);
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = key.KeyId }), KmsErrorCodes.KMSInvalidStateException, pendingImport);
        await AssertRefusedUnchanged(signer.KeyId!, () => Engine.Sign(new SignRequest { KeyId = signer.KeyId, Message = [1], SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 }),
            KmsErrorCodes.KMSInvalidStateException, $"{signer.Arn} is pending import.");
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/pending", TargetKeyId = key.KeyId });

        var described = await Describe("alias/pending");
        Assert.Equal(KeyState.PendingImport, described.KeyState);
        Assert.False(described.Enabled);
        Assert.Null(described.ExpirationModel);
        Assert.Null(described.CurrentKeyMaterialId);
    }

    [Fact]
    public async Task a_disabled_key_refuses_use_but_takes_a_reimport_and_stays_disabled()
    {
        var (key, material) = await ImportedKey();
        await Engine.DisableKey(new DisableKeyRequest { KeyId = key.KeyId });

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [1] }), KmsErrorCodes.DisabledException, $"{key.Arn} is disabled.");
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = key.KeyId }), KmsErrorCodes.DisabledException, $"{key.Arn} is disabled.");
        var validTo = EngineNow.AddDays(10);
        await Import(key.KeyId!, material, validTo);

        var described = await Describe(key.KeyId!);
        Assert.Equal(KeyState.Disabled, described.KeyState); // docs/byok.md: reimport into a Disabled key keeps it Disabled
        Assert.Equal(ExpirationModelType.KEY_MATERIAL_EXPIRES, described.ExpirationModel);
        Assert.Equal(validTo, described.ValidTo);
    }

    [Fact]
    public async Task deleting_the_material_of_a_disabled_key_makes_it_pending_import()
    {
        var (key, _) = await ImportedKey();
        await Engine.DisableKey(new DisableKeyRequest { KeyId = key.KeyId });

        var deleted = await Engine.DeleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest { KeyId = key.Arn });

        var described = await Describe(key.KeyId!);
        Assert.Equal(KeyState.PendingImport, described.KeyState);
        Assert.Null(described.ExpirationModel);               // docs/byok.md: gone with the material
        Assert.Equal(deleted.KeyMaterialId, described.CurrentKeyMaterialId); // docs/byok.md: kept after delete
        // 2023 table: on a PendingImport key it succeeds with no effect.
        var before = await Observable(key.KeyId!);
        await Engine.DeleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId });
        Assert.Equal(before, await Observable(key.KeyId!));
    }

    [Fact]
    public async Task a_key_pending_deletion_refuses_import_and_use_and_cancelling_disables_it()
    {
        var (key, _) = await ImportedKey();
        var scheduled = await Engine.ScheduleKeyDeletion(new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = 7 });
        Assert.Equal(KeyState.PendingDeletion, scheduled.KeyState);
        Assert.Equal(EngineNow.AddDays(7), scheduled.DeletionDate);

        await AssertRefusedUnchanged(key.KeyId!, () => Parameters(key.KeyId!), KmsErrorCodes.KMSInvalidStateException, $"{key.Arn} is pending deletion.");
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.EnableKey(new EnableKeyRequest { KeyId = key.KeyId }), KmsErrorCodes.KMSInvalidStateException, $"{key.Arn} is pending deletion.");
        var error = await AssertRefusedUnchanged(key.KeyId!, () => Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [1] }), KmsErrorCodes.KMSInvalidStateException);
        Assert.Equal($"{key.Arn} is pending deletion.", error.Message);
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.ScheduleKeyDeletion(new ScheduleKeyDeletionRequest { KeyId = key.KeyId }),
            KmsErrorCodes.KMSInvalidStateException, $"{key.Arn} is pending deletion.");

        await Engine.CancelKeyDeletion(new CancelKeyDeletionRequest { KeyId = key.KeyId });
        Assert.Equal(KeyState.Disabled, (await Describe(key.KeyId!)).KeyState);
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.CancelKeyDeletion(new CancelKeyDeletionRequest { KeyId = key.KeyId }),
            KmsErrorCodes.KMSInvalidStateException, $"{key.Arn} is not pending deletion.");
    }

    [Fact]
    public async Task material_expiring_while_pending_deletion_leaves_the_state_and_cancelling_makes_it_pending_import()
    {
        var key = await CreateExternalKey();
        var validTo = EngineNow.AddDays(2);
        await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), validTo);
        await Engine.ScheduleKeyDeletion(new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = 7 });

        await AdvanceAsync(TimeSpan.FromDays(3));

        Assert.Equal(KeyState.PendingDeletion, (await Describe(key.KeyId!)).KeyState);
        await SingleAudit("DeleteExpiredKeyMaterial");
        await Engine.CancelKeyDeletion(new CancelKeyDeletionRequest { KeyId = key.KeyId });
        Assert.Equal(KeyState.PendingImport, (await Describe(key.KeyId!)).KeyState); // docs/byok.md: no material, so not Disabled
    }

    [Fact]
    public async Task a_key_is_deleted_at_the_end_of_its_waiting_period()
    {
        var (key, _) = await ImportedKey();
        var deletionDate = (await Engine.ScheduleKeyDeletion(new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = 7 })).DeletionDate;

        await AdvanceAsync(TimeSpan.FromDays(20));

        await AssertRefused(() => Describe(key.KeyId!), KmsErrorCodes.NotFoundException);
        var deleted = await SingleAudit("DeleteKey");
        Assert.Equal(KmsActors.Kms.Audit.AuditRecord.ServiceEvent, deleted.EventType);
        Assert.Equal(deletionDate, deleted.EventTime); // the key was deleted at its DeletionDate, however far time jumped
        Assert.DoesNotContain(key.KeyId, (await Engine.ListKeys(new ListKeysRequest())).Keys!.Select(k => k.KeyId));
    }

}
