using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>On-demand rotation of imported material: NEW_KEY_MATERIAL, RotateKeyOnDemand, ListKeyRotations, the 25-rotation limit (docs/byok.md, docs/limits.md).</summary>
public sealed class ImportedMaterialRotationTests : EngineTestBase
{
    [Fact]
    public async Task new_material_waits_pending_rotation_then_rotates_in_and_old_ciphertexts_still_decrypt()
    {
        var (key, _) = await ImportedKey();
        var first = (await Describe(key.KeyId!)).CurrentKeyMaterialId!;
        var old = (await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = "old"u8.ToArray() })).CiphertextBlob;

        var second = (await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), importType: ImportType.NEW_KEY_MATERIAL)).KeyMaterialId!;

        var pending = await Rotations(key.KeyId!);
        Assert.Equal([(first, KeyMaterialState.CURRENT), (second, KeyMaterialState.PENDING_ROTATION)], pending.Select(r => (r.KeyMaterialId!, r.KeyMaterialState!.Value)));
        Assert.All(pending, r => Assert.Null(r.RotationDate));
        Assert.Equal(first, (await Describe(key.KeyId!)).CurrentKeyMaterialId);
        Assert.Empty((await Engine.ListKeyRotations(new ListKeyRotationsRequest { KeyId = key.KeyId })).Rotations!);
        var third = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var refused = await AssertRefusedUnchanged(key.KeyId!, () => Import(key.KeyId!, third, importType: ImportType.NEW_KEY_MATERIAL), KmsErrorCodes.KMSInvalidStateException);
        Assert.EndsWith($"cannot be imported into KMS key {key.Arn}, because another key material (id: {second}) is pending rotation.", refused.Message, StringComparison.Ordinal);

        var rotatedAt = EngineNow;
        await Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = key.KeyId });

        var rotations = await Rotations(key.KeyId!);
        Assert.Equal([(first, KeyMaterialState.NON_CURRENT), (second, KeyMaterialState.CURRENT)], rotations.Select(r => (r.KeyMaterialId!, r.KeyMaterialState!.Value)));
        var rotation = Assert.Single((await Engine.ListKeyRotations(new ListKeyRotationsRequest { KeyId = key.KeyId })).Rotations!);
        Assert.Equal(second, rotation.KeyMaterialId);
        Assert.Equal(RotationType.ON_DEMAND, rotation.RotationType);
        Assert.Equal(rotatedAt, rotation.RotationDate);
        Assert.Equal(second, (await Describe(key.KeyId!)).CurrentKeyMaterialId);
        var oldDecrypted = await Engine.Decrypt(new DecryptRequest { CiphertextBlob = old });
        Assert.Equal("old"u8.ToArray(), oldDecrypted.Plaintext);
        Assert.Equal(first, oldDecrypted.KeyMaterialId);
        var fresh = (await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = "new"u8.ToArray() })).CiphertextBlob;
        Assert.Equal(second, (await Engine.Decrypt(new DecryptRequest { CiphertextBlob = fresh })).KeyMaterialId);
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = key.KeyId }),
            KmsErrorCodes.KMSInvalidStateException, $"No available key material pending rotation for the key: {key.Arn}.");
    }

    [Fact]
    public async Task the_26th_on_demand_rotation_exceeds_the_limit()
    {
        var (key, _) = await ImportedKey();
        for (var i = 0; i < 25; i++)
        {
            await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), importType: ImportType.NEW_KEY_MATERIAL);
            await Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = key.KeyId });
        }
        await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), importType: ImportType.NEW_KEY_MATERIAL);

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = key.KeyId }),
            KmsErrorCodes.LimitExceededException,
            $"The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: {key.Arn}");
        Assert.Equal(25, (await Engine.ListKeyRotations(new ListKeyRotationsRequest { KeyId = key.KeyId })).Rotations!.Count);
    }

    [Fact]
    public async Task rotation_is_unsupported_for_imported_hmac_keys()
    {
        var (key, _) = await ImportedKey(KeySpec.HMAC_256);

        var error = await AssertRefusedUnchanged(key.KeyId!, () => Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = key.KeyId }), KmsErrorCodes.UnsupportedOperationException);
        Assert.Null(error.ErrorMessage); // AWS sends no message member
    }
}
