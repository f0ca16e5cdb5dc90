using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Crypto.Assertions;

namespace KmsActors.Kms.Tests.Crypto;

public class RsaKeyMaterialTests
{
    private static RsaKeyMaterial Key2048() => new(KeySpec.RSA_2048, TestKeys.RsaPkcs8(2048));

    [Theory]
    [InlineData(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, 214)]
    [InlineData(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, 190)]
    public void oaep_encrypts_up_to_the_aws_limit_and_decrypts(EncryptionAlgorithmSpec algorithm, int max)
    {
        using var key = Key2048();
        Assert.Equal(max, key.MaxPlaintextLength(algorithm));
        var plaintext = RandomNumberGenerator.GetBytes(max);
        Assert.Equal(plaintext, key.Decrypt(algorithm, key.Encrypt(algorithm, plaintext)));
    }

    [Theory]
    [InlineData(3072, KeySpec.RSA_3072, 342, 318)]
    [InlineData(4096, KeySpec.RSA_4096, 470, 446)]
    public void larger_keys_have_the_aws_limits(int bits, KeySpec spec, int sha1, int sha256)
    {
        using var key = new RsaKeyMaterial(spec, TestKeys.RsaPkcs8(bits));
        Assert.Equal(sha1, key.MaxPlaintextLength(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1));
        Assert.Equal(sha256, key.MaxPlaintextLength(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256));
    }

    [Fact]
    public void plaintext_over_the_limit_is_a_validation_exception_in_aws_words()
    {
        using var key = Key2048();
        var error = ThrowsKms(KmsErrorCodes.ValidationException, () => key.Encrypt(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, new byte[191]));
        Assert.Equal("Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes.", error.Message);
    }

    [Fact]
    public void decrypt_with_the_other_oaep_hash_is_invalid_ciphertext()
    {
        using var key = Key2048();
        var ciphertext = key.Encrypt(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, "secret"u8);
        ThrowsKms(KmsErrorCodes.InvalidCiphertextException, () => key.Decrypt(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, ciphertext));
        ThrowsKms(KmsErrorCodes.InvalidCiphertextException, () => key.Decrypt(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, ciphertext[..100]));
    }

    [Fact]
    public void symmetric_algorithm_on_an_rsa_key_is_invalid_key_usage()
    {
        using var key = Key2048();
        var error = ThrowsKms(KmsErrorCodes.InvalidKeyUsageException, () => key.Encrypt(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT, "x"u8));
        Assert.Equal("Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.", error.Message);
        ThrowsKms(KmsErrorCodes.InvalidKeyUsageException, () => key.Sign(SigningAlgorithmSpec.ECDSA_SHA_256, MessageType.RAW, "x"u8));
    }

    [Theory]
    [InlineData(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)]
    [InlineData(SigningAlgorithmSpec.RSASSA_PSS_SHA_384)]
    [InlineData(SigningAlgorithmSpec.RSASSA_PSS_SHA_512)]
    [InlineData(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256)]
    [InlineData(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384)]
    [InlineData(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512)]
    public void raw_and_digest_signatures_verify_with_the_public_key(SigningAlgorithmSpec algorithm)
    {
        using var key = Key2048();
        var message = "to be signed"u8.ToArray();
        var signature = key.Sign(algorithm, MessageType.RAW, message);
        Assert.Equal(256, signature.Length);

        var hash = SignatureDigests.HashOf(algorithm);
        var padding = algorithm.ToString().Contains("PSS") ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        using var verifier = RSA.Create();
        verifier.ImportSubjectPublicKeyInfo(key.PublicKeyDer, out _);
        Assert.True(verifier.VerifyData(message, signature, hash, padding));

        var digest = SignatureDigests.Digest(algorithm, MessageType.RAW, message);
        Assert.True(key.Verify(algorithm, MessageType.DIGEST, digest, key.Sign(algorithm, MessageType.DIGEST, digest)));
        Assert.True(key.Verify(algorithm, MessageType.RAW, message, signature));
        Assert.False(key.Verify(algorithm, MessageType.RAW, "tampered"u8, signature));
    }

    [Theory]
    [InlineData(SigningAlgorithmSpec.RSASSA_PSS_SHA_256, 48)]
    [InlineData(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384, 32)]
    [InlineData(SigningAlgorithmSpec.RSASSA_PSS_SHA_512, 63)]
    public void digest_of_the_wrong_length_is_a_validation_exception(SigningAlgorithmSpec algorithm, int length)
    {
        using var key = Key2048();
        var error = ThrowsKms(KmsErrorCodes.ValidationException, () => key.Sign(algorithm, MessageType.DIGEST, new byte[length]));
        Assert.Equal($"Digest is invalid length for algorithm {algorithm}.", error.Message);
    }
}
