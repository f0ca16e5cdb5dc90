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
}
