using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>Bad cryptographic calls on imported keys answer the AWS error and leave the key as it was (docs/key-states.md).</summary>
public sealed class CryptoRefusalTests : EngineTestBase
{
    [Fact]
    public async Task encrypt_with_an_unknown_key_is_rejected()
    {
        const string keyId = "1234abcd-12ab-34cd-56ef-1234567890ab";

        await AssertRefused(() => Engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = [1] }), KmsErrorCodes.NotFoundException,
            $"Key 'arn:aws:kms:us-east-1:111122223333:key/{keyId}' does not exist");
        await AssertRefused(() => Engine.Encrypt(new EncryptRequest { KeyId = "alias/none", Plaintext = [1] }), KmsErrorCodes.NotFoundException,
            "Alias arn:aws:kms:us-east-1:111122223333:alias/none is not found.");
    }

    [Fact]
    public async Task a_symmetric_key_cannot_sign_or_mac()
    {
        var (key, _) = await ImportedKey();

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.Sign(new SignRequest { KeyId = key.KeyId, Message = [1], SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 }),
            KmsErrorCodes.InvalidKeyUsageException);
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.GenerateMac(new GenerateMacRequest { KeyId = key.KeyId, Message = [1], MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 }),
            KmsErrorCodes.InvalidKeyUsageException);
    }

    [Fact]
    public async Task an_hmac_key_cannot_encrypt_nor_mac_with_another_digest()
    {
        var (key, _) = await ImportedKey(KeySpec.HMAC_224);

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [1] }), KmsErrorCodes.InvalidKeyUsageException);
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.GenerateMac(new GenerateMacRequest { KeyId = key.KeyId, Message = [1], MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 }),
            KmsErrorCodes.InvalidKeyUsageException, "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.");
    }

    [Fact]
    public async Task a_signing_key_cannot_encrypt()
    {
        var (key, _) = await ImportedKey(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [1] }), KmsErrorCodes.InvalidKeyUsageException);
    }

    [Fact]
    public async Task a_bad_mac_and_a_bad_signature_are_reported_as_such()
    {
        var (mac, _) = await ImportedKey(KeySpec.HMAC_256);
        var (signer, _) = await ImportedKey(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);

        await AssertRefusedUnchanged(mac.KeyId!, () => Engine.VerifyMac(new VerifyMacRequest { KeyId = mac.KeyId, Message = [1], MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256, Mac = new byte[32] }),
            KmsErrorCodes.KMSInvalidMacException);
        var signature = (await Engine.Sign(new SignRequest { KeyId = signer.KeyId, Message = [1], SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 })).Signature;
        await AssertRefusedUnchanged(signer.KeyId!, () => Engine.Verify(new VerifyRequest { KeyId = signer.KeyId, Message = [2], Signature = signature, SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 }),
            KmsErrorCodes.KMSInvalidSignatureException);
    }

    [Fact]
    public async Task an_oversize_plaintext_is_rejected()
    {
        var (key, _) = await ImportedKey();
        var (rsa, _) = await ImportedKey(KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = new byte[4097] }), KmsErrorCodes.ValidationException);
        // RFC 8017: RSA_2048 with OAEP SHA-256 carries at most 256 − 2·32 − 2 = 190 bytes.
        await AssertRefusedUnchanged(rsa.KeyId!, () => Engine.Encrypt(new EncryptRequest
        {
            KeyId = rsa.KeyId, Plaintext = new byte[191], EncryptionAlgorithm = EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256,
        }), KmsErrorCodes.ValidationException, "Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes.");
        await Engine.Encrypt(new EncryptRequest { KeyId = rsa.KeyId, Plaintext = new byte[190], EncryptionAlgorithm = EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256 });
    }

    [Fact]
    public async Task ciphertext_of_another_key_is_rejected()
    {
        var (key, _) = await ImportedKey();
        var (other, _) = await ImportedKey();
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [1, 2, 3] })).CiphertextBlob;

        await AssertRefusedUnchanged(other.KeyId!, () => Engine.Decrypt(new DecryptRequest { KeyId = other.KeyId, CiphertextBlob = ciphertext }),
            KmsErrorCodes.IncorrectKeyException);
        Assert.Equal([1, 2, 3], (await Engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext })).Plaintext);
    }

    [Fact]
    public async Task decrypt_with_the_wrong_encryption_context_is_rejected()
    {
        var (key, _) = await ImportedKey();
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [1, 2, 3], EncryptionContext = Context("a") })).CiphertextBlob;

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext, EncryptionContext = Context("b") }),
            KmsErrorCodes.InvalidCiphertextException);
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext }), KmsErrorCodes.InvalidCiphertextException);
    }

    [Fact]
    public async Task a_corrupted_ciphertext_is_rejected()
    {
        var (key, _) = await ImportedKey();
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [1, 2, 3] })).CiphertextBlob!;
        ciphertext[^1] ^= 0x80;

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.Decrypt(new DecryptRequest { KeyId = key.KeyId, CiphertextBlob = ciphertext }), KmsErrorCodes.InvalidCiphertextException);
    }
}
