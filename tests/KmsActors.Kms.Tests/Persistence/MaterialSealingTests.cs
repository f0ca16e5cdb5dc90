using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;
using KmsActors.Kms.Tests.Engine;
using KmsActors.Kms.Services;

namespace KmsActors.Kms.Tests.Persistence;

/// <summary>
/// What the key actor hands the journal (the in-memory journal keeps the very objects): material only sealed, data
/// keys shredded once the key's state no longer uses them, also when the deletion is only met again on replay.
/// </summary>
public sealed class MaterialSealingTests : EngineTestBase
{
    [Fact]
    public async Task the_journal_gets_imported_material_only_sealed_and_the_key_still_uses_it_after_recovery()
    {
        var (key, material) = await ImportedKey();
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [5] })).CiphertextBlob;

        var imported = Assert.Single((await Journal(key.Arn!)).OfType<KeyMaterialImported>());

        Assert.Null(imported.Material);
        Assert.NotNull(imported.SealedMaterial);
        Assert.DoesNotContain(Convert.ToHexString(material), Convert.ToHexString(imported.SealedMaterial.Ciphertext));
        await Restart(key.KeyId!);
        Assert.Equal([5], (await Engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext })).Plaintext);
    }

    [Fact]
    public async Task generated_material_of_aws_kms_keys_and_their_rotations_goes_to_the_journal_only_sealed()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest { KeySpec = KeySpec.SYMMETRIC_DEFAULT })).KeyMetadata!;
        var before = (await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [1] })).CiphertextBlob;
        await Engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = key.KeyId });

        var events = await Journal(key.Arn!);

        var created = Assert.Single(events.OfType<KeyCreated>());
        Assert.All(created.Key.Materials, m => Assert.True(m is { Material: null, SealedMaterial: not null }));
        var rotated = Assert.Single(events.OfType<KeyRotated>());
        Assert.True(rotated is { GeneratedMaterial: null, SealedGeneratedMaterial: not null });
        await Restart(key.KeyId!);
        Assert.Equal([1], (await Engine.Decrypt(new DecryptRequest { CiphertextBlob = before })).Plaintext);
        Assert.NotNull((await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [2] })).CiphertextBlob);
    }

    [Fact]
    public async Task deleting_material_shreds_its_data_key_and_a_reimport_seals_it_under_a_new_one()
    {
        var (key, material) = await ImportedKey();
        var first = DataKeyOf(Assert.Single((await Journal(key.Arn!)).OfType<KeyMaterialImported>()));

        await Engine.DeleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId });
        Assert.Null(Vault.OpenDataKey(first.DataKeyId, key.Arn!, first.MaterialId));
        await Import(key.KeyId!, material);

        var second = DataKeyOf((await Journal(key.Arn!)).OfType<KeyMaterialImported>().Last());
        Assert.NotEqual(first.DataKeyId, second.DataKeyId);
        Assert.NotNull(Vault.OpenDataKey(second.DataKeyId, key.Arn!, second.MaterialId));
        await Restart(key.KeyId!); // the first import replays as absent material; the second is present
        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId!)).KeyState);
        Assert.NotNull((await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [3] })).CiphertextBlob);
    }

    [Fact]
    public async Task reimporting_present_material_shreds_the_data_key_it_replaces()
    {
        var (key, material) = await ImportedKey();
        var first = DataKeyOf(Assert.Single((await Journal(key.Arn!)).OfType<KeyMaterialImported>()));

        await Import(key.KeyId!, material, validTo: EngineNow.AddDays(30));

        Assert.Null(Vault.OpenDataKey(first.DataKeyId, key.Arn!, first.MaterialId));
        await Restart(key.KeyId!);
        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId!)).KeyState);
        Assert.NotNull((await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [4] })).CiphertextBlob);
    }

    [Fact]
    public async Task a_deletion_persisted_before_a_crash_shreds_the_data_key_when_it_is_replayed()
    {
        var (key, _) = await ImportedKey();
        var events = await Journal(key.Arn!);
        var imported = DataKeyOf(Assert.Single(events.OfType<KeyMaterialImported>()));
        await Stop(key.KeyId!);

        // As if the engine had died between persisting the deletion and shredding: the event is there, the data key too.
        await Append(key.Arn!, events.Count + 1, new KeyMaterialDeleted(imported.MaterialId, Expired: false, EngineNow));
        Assert.NotNull(Vault.OpenDataKey(imported.DataKeyId, key.Arn!, imported.MaterialId));

        Assert.Equal(KeyState.PendingImport, (await Describe(key.KeyId!)).KeyState); // recovers the key
        Assert.Null(Vault.OpenDataKey(imported.DataKeyId, key.Arn!, imported.MaterialId));
    }

    [Fact]
    public void a_data_key_opens_only_for_its_own_key_and_material_and_sealed_material_only_under_its_own_data_key()
    {
        var dataKey = Vault.NewDataKey("arn:aws:kms:us-east-1:111122223333:key/mrk-1", "m1");
        var sealedMaterial = MaterialVault.Seal(dataKey, "arn:aws:kms:us-east-1:111122223333:key/mrk-1", "m1", [1, 2, 3]);

        Assert.Equal([1, 2, 3], MaterialVault.Open(dataKey, "arn:aws:kms:us-east-1:111122223333:key/mrk-1", "m1", sealedMaterial));
        // A multi-Region replica shares key ID and material ID, not the ARN.
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => MaterialVault.Open(dataKey, "arn:aws:kms:eu-west-1:111122223333:key/mrk-1", "m1", sealedMaterial));
        Assert.Throws<InvalidOperationException>(() => Vault.OpenDataKey(dataKey.Id, "arn:aws:kms:eu-west-1:111122223333:key/mrk-1", "m1"));
        Assert.Equal(dataKey.Key, Vault.OpenDataKey(dataKey.Id, "arn:aws:kms:us-east-1:111122223333:key/mrk-1", "m1")!.Key);
    }

    [Fact]
    public void new_data_keys_have_distinct_random_keys_and_ids_of_32_lowercase_hex_digits()
    {
        const string arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        var keys = Enumerable.Range(0, 50).Select(i => Vault.NewDataKey(arn, $"m{i}")).ToList();

        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{32}$", k.Id));
        Assert.All(keys, k => Assert.Equal(32, k.Key.Length));
        Assert.Equal(keys.Count, keys.Select(k => k.Id).Distinct().Count());
        Assert.Equal(keys.Count, keys.Select(k => Convert.ToHexString(k.Key)).Distinct().Count());
        Assert.Equal(keys[7].Key, Vault.OpenDataKey(keys[7].Id, arn, "m7")!.Key);
    }

    private MaterialVault Vault => KmsServices.Get(Sys).Vault;

    private static (string DataKeyId, string MaterialId) DataKeyOf(KeyMaterialImported e) => (e.SealedMaterial!.DataKeyId, e.KeyMaterialId);

    private async Task Stop(string keyId)
    {
        var actor = await KeyActor(keyId);
        Watch(actor);
        actor.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(actor);
    }

    private async Task Restart(string keyId)
    {
        await Stop(keyId);
        await KeyActor(keyId);
    }

    /// <summary>The key's events exactly as the in-memory journal holds them.</summary>
    private async Task<List<IKeyEvent>> Journal(string keyArn)
    {
        var probe = CreateTestProbe();
        Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null)
            .Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, "key-" + keyArn, probe.Ref));
        var events = new List<IKeyEvent>();
        while (await probe.ExpectMsgAsync<object>() is ReplayedMessage replayed)
            events.Add((IKeyEvent)replayed.Persistent.Payload);
        return events;
    }

    private async Task Append(string keyArn, long sequenceNr, IKeyEvent e)
    {
        var probe = CreateTestProbe();
        var write = new AtomicWrite(ImmutableList.Create<IPersistentRepresentation>(
            new Persistent(e, sequenceNr, "key-" + keyArn, "", false, ActorRefs.NoSender, "crashed-writer")));
        Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null).Tell(new WriteMessages([write], probe.Ref, 1));
        await probe.ExpectMsgAsync<WriteMessagesSuccessful>();
        await probe.ExpectMsgAsync<WriteMessageSuccess>();
    }
}
