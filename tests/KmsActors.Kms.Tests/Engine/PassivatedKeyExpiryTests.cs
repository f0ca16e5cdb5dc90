using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>
/// A key actor stopped for idleness (kms.passivate-after) still expires its material on time: the region indexes the
/// due date and wakes the key (the RegionActor passivates idle keys and wakes them for the dates it indexes).
/// </summary>
public sealed class PassivatedKeyExpiryTests : EngineTestBase
{
    public PassivatedKeyExpiryTests() : base("kms.passivate-after = 1m")
    {
    }

    [Fact]
    public async Task a_passivated_key_is_woken_by_its_region_and_its_material_expires_on_time()
    {
        var key = await CreateExternalKey();
        var validTo = EngineNow.AddDays(10);
        var imported = await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), validTo);
        var actor = await KeyActor(key.KeyId!);
        Watch(actor);

        await AdvanceAsync(TimeSpan.FromMinutes(5));
        await ExpectTerminatedAsync(actor);
        Assert.Empty(Audit.Named("DeleteExpiredKeyMaterial"));

        await AdvanceToAsync(validTo);

        var expired = await SingleAudit("DeleteExpiredKeyMaterial");
        Assert.Equal(validTo, expired.EventTime);
        Assert.Equal(imported.KeyMaterialId, expired.ServiceEventDetails!.KeyMaterialId);
        Assert.Equal(KeyState.PendingImport, (await Describe(key.KeyId!)).KeyState);
    }

    [Fact]
    public async Task a_passivated_key_expires_at_valid_to_when_time_jumps_far_past_it()
    {
        var key = await CreateExternalKey();
        var validTo = EngineNow.AddDays(365);
        await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), validTo);
        var actor = await KeyActor(key.KeyId!);
        Watch(actor);
        await AdvanceAsync(TimeSpan.FromMinutes(5));
        await ExpectTerminatedAsync(actor);

        await AdvanceAsync(TimeSpan.FromDays(400));

        Assert.Equal(validTo, (await SingleAudit("DeleteExpiredKeyMaterial")).EventTime);
        Assert.Equal(KeyState.PendingImport, (await Describe(key.KeyId!)).KeyState);
    }

    [Fact]
    public async Task a_passivated_key_is_woken_by_a_call_with_its_state_intact()
    {
        var (key, _) = await ImportedKey();
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [7] })).CiphertextBlob;
        var actor = await KeyActor(key.KeyId!);
        Watch(actor);
        await AdvanceAsync(TimeSpan.FromMinutes(5));
        await ExpectTerminatedAsync(actor);

        Assert.Equal([7], (await Engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext })).Plaintext);
        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId!)).KeyState);
        Assert.NotEqual(actor, await KeyActor(key.KeyId!));
    }
}
