using KmsActors.Kms.Audit;
using KmsActors.Kms.Model;
using KmsActors.Kms.Tests.Engine;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Audit;

/// <summary>A BYOK key's records through the engine: every event names the key material it concerns (docs/audit.md).</summary>
public sealed class ByokAuditTrailTests : EngineTestBase
{
    [Fact]
    public async Task import_encrypt_and_decrypt_records_name_the_imported_material()
    {
        var key = await CreateExternalKey();
        var materialId = (await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT))).KeyMaterialId!;
        var encrypted = await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [1, 2, 3] });
        await Engine.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob });

        var import = await SingleAudit("ImportKeyMaterial");
        Assert.Equal((key.Arn, materialId), (import.ResponseElements!["keyId"], import.ResponseElements["keyMaterialId"]));
        Assert.Equal("KEY_MATERIAL_DOES_NOT_EXPIRE", import.RequestParameters!["expirationModel"]);
        Assert.Null(import.AdditionalEventData);
        foreach (var name in new[] { "Encrypt", "Decrypt" })
        {
            var record = await SingleAudit(name);
            Assert.Equal(new Dictionary<string, object?> { ["keyMaterialId"] = materialId }, record.AdditionalEventData);
            Assert.Equal("SYMMETRIC_DEFAULT", record.RequestParameters!["encryptionAlgorithm"]);
            Assert.Null(record.ResponseElements);
        }
    }

    [Fact]
    public async Task rotating_imported_material_on_demand_is_followed_by_a_rotate_key_service_event()
    {
        var key = await CreateExternalKey();
        var first = (await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT))).KeyMaterialId!;
        var second = (await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), importType: ImportType.NEW_KEY_MATERIAL)).KeyMaterialId!;
        var rotatedAt = EngineNow;

        await Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = key.KeyId });

        var call = await SingleAudit("RotateKeyOnDemand");
        Assert.Equal(key.KeyId, call.RequestParameters!["keyId"]);
        var rotation = await SingleAudit("RotateKey");
        Assert.Equal((AuditRecord.ServiceEvent, "AWS Internal", rotatedAt), (rotation.EventType, rotation.UserIdentity.InvokedBy, rotation.EventTime));
        Assert.Equal(new AuditServiceEventDetails(key.KeyId!, null)
        {
            RotationType = "ON_DEMAND", KeyOrigin = "EXTERNAL", PreviousKeyMaterialId = first, CurrentKeyMaterialId = second,
        }, rotation.ServiceEventDetails);
        Assert.True(Audit.Records.ToList().IndexOf(call) < Audit.Records.ToList().IndexOf(rotation));
    }

    [Fact]
    public async Task a_refused_rotation_leaves_no_rotate_key_event_and_its_record_carries_the_error()
    {
        var key = await CreateExternalKey();
        await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT));

        var error = await Assert.ThrowsAsync<KmsException>(() => Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = key.KeyId }));

        var call = await SingleAudit("RotateKeyOnDemand");
        Assert.Equal((error.ErrorCode, error.Message), (call.ErrorCode, call.ErrorMessage));
        Assert.Null(call.ResponseElements);
        Assert.Empty(Audit.Named("RotateKey"));
    }

    [Fact]
    public async Task expired_material_is_deleted_by_a_service_event_naming_the_material()
    {
        var key = await CreateExternalKey();
        var materialId = (await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), EngineNow.AddDays(30))).KeyMaterialId!;

        await AdvanceAsync(TimeSpan.FromDays(30));

        var expired = await SingleAudit("DeleteExpiredKeyMaterial");
        Assert.Equal(new AuditServiceEventDetails(key.KeyId!, materialId), expired.ServiceEventDetails);
        Assert.Equal((AuditRecord.ServiceEvent, (string?)null, false), (expired.EventType, expired.RequestID, expired.ReadOnly));
    }
}
