using KmsActors.Kms.Audit;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>Material expiry at ValidTo on virtual time, and recovery by reimporting the same material (docs/byok.md, docs/audit.md).</summary>
public sealed class MaterialExpiryTests : EngineTestBase
{
    [Fact]
    public async Task material_valid_for_365_days_expires_and_the_same_material_brings_the_key_back()
    {
        var key = await CreateExternalKey();
        var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var validTo = EngineNow.AddDays(365);
        var imported = await Import(key.KeyId!, material, validTo);
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = "old"u8.ToArray() })).CiphertextBlob;
        var described = await Describe(key.KeyId!);
        Assert.Equal(validTo, described.ValidTo);
        Assert.Equal(ExpirationModelType.KEY_MATERIAL_EXPIRES, described.ExpirationModel);

        await AdvanceAsync(TimeSpan.FromDays(365) - TimeSpan.FromSeconds(1));
        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId!)).KeyState);
        Assert.Empty(Audit.Named("DeleteExpiredKeyMaterial"));
        await AdvanceAsync(TimeSpan.FromSeconds(1));

        described = await Describe(key.KeyId!);
        Assert.Equal(KeyState.PendingImport, described.KeyState);
        Assert.False(described.Enabled);
        Assert.Null(described.ValidTo);
        Assert.Equal(imported.KeyMaterialId, described.CurrentKeyMaterialId);
        var expired = await SingleAudit("DeleteExpiredKeyMaterial");
        Assert.Equal(AuditRecord.ServiceEvent, expired.EventType);
        Assert.Equal(validTo, expired.EventTime);
        Assert.Equal(new AuditServiceEventDetails(key.KeyId!, imported.KeyMaterialId), expired.ServiceEventDetails);
        Assert.Equal(AuditRecord.AwsInternal, expired.UserIdentity.InvokedBy);
        await AssertRefused(() => Engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext }), KmsErrorCodes.KMSInvalidStateException, $"{key.Arn} is pending import.");

        var reimported = await Import(key.KeyId!, material);

        Assert.Equal(imported.KeyMaterialId, reimported.KeyMaterialId);
        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId!)).KeyState);
        Assert.Equal("old"u8.ToArray(), (await Engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext })).Plaintext);
    }

    [Fact]
    public async Task material_expires_at_its_valid_to_even_when_time_jumps_past_it()
    {
        var key = await CreateExternalKey(KeySpec.HMAC_256);
        var validTo = EngineNow.AddDays(40);
        await Import(key.KeyId!, KeyMaterial.Create(KeySpec.HMAC_256), validTo);

        await AdvanceAsync(TimeSpan.FromDays(100));

        Assert.Equal(KeyState.PendingImport, (await Describe(key.KeyId!)).KeyState);
        Assert.Equal(validTo, (await SingleAudit("DeleteExpiredKeyMaterial")).EventTime);
    }

    [Fact]
    public async Task reimporting_before_expiry_replaces_the_expiry_and_avoids_downtime()
    {
        var key = await CreateExternalKey();
        var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        await Import(key.KeyId!, material, EngineNow.AddDays(30));
        await AdvanceAsync(TimeSpan.FromDays(29));

        await Import(key.KeyId!, material);
        await AdvanceAsync(TimeSpan.FromDays(400));

        var described = await Describe(key.KeyId!);
        Assert.Equal(KeyState.Enabled, described.KeyState);
        Assert.Equal(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE, described.ExpirationModel);
        Assert.Empty(Audit.Named("DeleteExpiredKeyMaterial"));
    }
}
