using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>
/// Calls sent one after another without waiting are answered in the order sent, also when a read-only call (which key
/// and region actors answer on their direct path) arrives while a state change ahead of it is still being persisted.
/// </summary>
public sealed class CallOrderTests : EngineTestBase
{
    private static readonly byte[] Plaintext = [1, 2, 3];

    [Fact]
    public async Task encrypt_sent_right_after_disable_key_sees_the_key_disabled()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!.KeyId!;

        var disable = Engine.DisableKey(new DisableKeyRequest { KeyId = key });
        var encrypt = Engine.Encrypt(new EncryptRequest { KeyId = key, Plaintext = Plaintext });

        await disable;
        var error = await Assert.ThrowsAsync<KmsException>(() => encrypt);
        Assert.Equal(KmsErrorCodes.DisabledException, error.ErrorCode);
    }

    [Fact]
    public async Task encrypt_sent_right_after_enable_key_sees_the_key_enabled()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!.KeyId!;
        await Engine.DisableKey(new DisableKeyRequest { KeyId = key });

        var enable = Engine.EnableKey(new EnableKeyRequest { KeyId = key });
        var encrypt = Engine.Encrypt(new EncryptRequest { KeyId = key, Plaintext = Plaintext });

        await enable;
        var encrypted = await encrypt;
        var decrypted = await Engine.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob });
        Assert.Equal(Plaintext, decrypted.Plaintext);
    }

    [Fact]
    public async Task encrypt_by_alias_sent_right_after_create_alias_finds_the_alias()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;

        var alias = Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/just-made", TargetKeyId = key.KeyId });
        var encrypt = Engine.Encrypt(new EncryptRequest { KeyId = "alias/just-made", Plaintext = Plaintext });

        await alias;
        Assert.Equal(key.Arn, (await encrypt).KeyId);
    }

    [Fact]
    public async Task encrypt_by_alias_sent_right_after_delete_alias_does_not_find_it()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!.KeyId!;
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/going", TargetKeyId = key });

        var delete = Engine.DeleteAlias(new DeleteAliasRequest { AliasName = "alias/going" });
        var encrypt = Engine.Encrypt(new EncryptRequest { KeyId = "alias/going", Plaintext = Plaintext });

        await delete;
        var error = await Assert.ThrowsAsync<KmsException>(() => encrypt);
        Assert.Equal(KmsErrorCodes.NotFoundException, error.ErrorCode);
    }

    [Fact]
    public async Task every_call_queued_behind_a_state_change_is_answered()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!.KeyId!;

        var disable = Engine.DisableKey(new DisableKeyRequest { KeyId = key });
        var encrypts = Enumerable.Range(0, 20).Select(_ => Engine.Encrypt(new EncryptRequest { KeyId = key, Plaintext = Plaintext })).ToList();
        await disable;

        foreach (var encrypt in encrypts)
            Assert.Equal(KmsErrorCodes.DisabledException, (await Assert.ThrowsAsync<KmsException>(() => encrypt)).ErrorCode);
    }

    [Fact]
    public async Task every_call_queued_behind_an_alias_change_is_answered()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;

        var alias = Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/busy", TargetKeyId = key.KeyId });
        var encrypts = Enumerable.Range(0, 20).Select(_ => Engine.Encrypt(new EncryptRequest { KeyId = "alias/busy", Plaintext = Plaintext })).ToList();
        await alias;

        foreach (var encrypt in encrypts)
            Assert.Equal(key.Arn, (await encrypt).KeyId);
    }

    [Fact]
    public async Task every_crypto_call_queued_behind_an_import_key_material_is_answered_in_order()
    {
        var key = await CreateExternalKey();
        var parameters = await Parameters(key.KeyId!);
        var material = KmsActors.TestKit.Byok.KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var wrapped = KmsActors.TestKit.Byok.KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material);

        var import = Engine.ImportKeyMaterial(Request(key.KeyId!, parameters, wrapped));
        var encrypts = Enumerable.Range(0, 30).Select(i => Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [(byte)i] })).ToList();
        await import;

        // All answered, each after the import (it had material to encrypt under), each with its own plaintext.
        for (var i = 0; i < encrypts.Count; i++)
        {
            var encrypted = await encrypts[i];
            Assert.Equal([(byte)i], (await Engine.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob })).Plaintext!);
        }
    }

    /// <summary>Akka stashes what a key receives while it recovers and hands it all back to the mailbox when recovery
    /// completes (docs/akka-persistence.md): should it ever hand them back one per command instead, the direct path would
    /// answer the first and strand the rest, and this test would time out.</summary>
    [Fact]
    public async Task every_call_sent_to_a_passivated_key_while_it_recovers_is_answered()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
        await AdvanceAsync(TimeSpan.FromMinutes(5)); // idle past kms.passivate-after: the key stops

        var encrypts = Enumerable.Range(0, 20).Select(i => Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [(byte)i] })).ToList();

        foreach (var encrypt in encrypts)
            Assert.Equal(key.Arn, (await encrypt.WaitAsync(TimeSpan.FromSeconds(20))).KeyId);
    }

    /// <summary>On SQLite a persist takes a disk commit, so calls really queue behind it (Akka stashes them and hands
    /// them back one at a time): every one of them must still be answered, in order.</summary>
    [Fact]
    public async Task on_sqlite_every_call_queued_behind_state_changes_is_answered()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "kms-order-" + Guid.NewGuid().ToString("N"));
        var config = KmsActors.TestKit.KmsTestKit.CreateConfig(
            $"kms.journal.provider = sqlite\nkms.data-dir = \"{dataDir.Replace("\\", "/", StringComparison.Ordinal)}\"\nkms.import.pool {{ RSA_2048 = 0, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }}");
        var system = Akka.Actor.ActorSystem.Create("kms-order", config);
        try
        {
            var engine = KmsEngine.Start(system);
            var key = (await engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;
            for (var round = 0; round < 5; round++)
            {
                var alias = engine.CreateAlias(new CreateAliasRequest { AliasName = $"alias/round-{round}", TargetKeyId = key.KeyId });
                var disable = engine.DisableKey(new DisableKeyRequest { KeyId = key.KeyId });
                var refused = Enumerable.Range(0, 20).Select(_ => engine.Encrypt(new EncryptRequest { KeyId = $"alias/round-{round}", Plaintext = Plaintext })).ToList();
                var enable = engine.EnableKey(new EnableKeyRequest { KeyId = key.KeyId });
                var encrypted = Enumerable.Range(0, 20).Select(_ => engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = Plaintext })).ToList();

                await Task.WhenAll(alias, disable, enable).WaitAsync(TimeSpan.FromSeconds(20));
                foreach (var call in refused)
                    Assert.Equal(KmsErrorCodes.DisabledException, (await Assert.ThrowsAsync<KmsException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)))).ErrorCode);
                foreach (var call in encrypted)
                    Assert.Equal(key.Arn, (await call.WaitAsync(TimeSpan.FromSeconds(20))).KeyId);
            }
        }
        finally
        {
            await system.Terminate();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataDir))
                Directory.Delete(dataDir, recursive: true);
        }
    }
}
