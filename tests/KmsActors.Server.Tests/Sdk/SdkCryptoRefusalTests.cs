using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Server.Tests.Support;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>The cryptographic refusals of the engine tests (CryptoRefusalTests) on imported keys, as the AWS SDK sees them.</summary>
public sealed class SdkCryptoRefusalTests(EngineServerFixture fixture) : SdkTestBase(fixture), IClassFixture<EngineServerFixture>
{
    [Fact]
    public async Task encrypt_with_an_unknown_key_or_alias_is_not_found()
    {
        const string keyId = "1234abcd-12ab-34cd-56ef-1234567890ab";

        await Refused<NotFoundException>(() => Kms.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = Stream([1]) }),
            $"Key 'arn:aws:kms:us-east-1:{Account}:key/{keyId}' does not exist");
        await Refused<NotFoundException>(() => Kms.EncryptAsync(new EncryptRequest { KeyId = "alias/none", Plaintext = Stream([1]) }),
            $"Alias arn:aws:kms:us-east-1:{Account}:alias/none is not found.");
    }

    [Fact]
    public async Task a_signing_key_cannot_encrypt()
    {
        var (key, _) = await ImportedKey(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);

        await Refused<InvalidKeyUsageException>(() => Kms.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = Stream([1]) }));
    }

    [Fact]
    public async Task an_hmac_key_cannot_mac_with_another_digest()
    {
        var (key, _) = await ImportedKey(KeySpec.HMAC_224);

        await Refused<InvalidKeyUsageException>(() => Kms.GenerateMacAsync(new GenerateMacRequest { KeyId = key.KeyId, Message = Stream([1]), MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 }),
            "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.");
    }

    [Fact]
    public async Task a_plaintext_over_4096_bytes_is_a_validation_error()
    {
        var (key, _) = await ImportedKey();

        await RefusedAsValidation(() => Kms.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = Stream(new byte[4097]) }));
        await Kms.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = Stream(new byte[4096]) });
    }

    [Fact]
    public async Task decrypting_another_keys_ciphertext_with_a_key_id_is_an_incorrect_key()
    {
        var (key, _) = await ImportedKey();
        var (other, _) = await ImportedKey();
        var ciphertext = (await Kms.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = Stream([1, 2, 3]) })).CiphertextBlob.ToArray();

        await Refused<IncorrectKeyException>(() => Kms.DecryptAsync(new DecryptRequest { KeyId = other.KeyId, CiphertextBlob = Stream(ciphertext) }));
        Assert.Equal([1, 2, 3], (await Kms.DecryptAsync(new DecryptRequest { CiphertextBlob = Stream(ciphertext) })).Plaintext.ToArray());
    }

    [Fact]
    public async Task decrypt_with_the_wrong_encryption_context_is_an_invalid_ciphertext()
    {
        var (key, _) = await ImportedKey();
        var ciphertext = (await Kms.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = Stream([1, 2, 3]), EncryptionContext = Context("a") })).CiphertextBlob.ToArray();

        await Refused<InvalidCiphertextException>(() => Kms.DecryptAsync(new DecryptRequest { CiphertextBlob = Stream(ciphertext), EncryptionContext = Context("b") }));
        await Refused<InvalidCiphertextException>(() => Kms.DecryptAsync(new DecryptRequest { CiphertextBlob = Stream(ciphertext) }));
    }

    [Fact]
    public async Task a_disabled_imported_key_is_refused_as_disabled()
    {
        var (key, _) = await ImportedKey();
        await Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = key.KeyId });

        await Refused<DisabledException>(() => Kms.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = Stream([1]) }), $"{key.Arn} is disabled.");
        Assert.Equal(KeyState.Disabled, (await Describe(key.KeyId)).KeyState);
    }

    [Fact]
    public async Task a_key_pending_import_is_in_an_invalid_state()
    {
        var key = await CreateExternalKey();

        await Refused<KMSInvalidStateException>(() => Kms.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = Stream([1]) }), $"{key.Arn} is pending import.");
    }
}
