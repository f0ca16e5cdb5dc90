using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Import;
using KmsActors.Kms.Model;
using KmsActors.Kms.Tests.Crypto;
using static KmsActors.Kms.Tests.Crypto.Assertions;

namespace KmsActors.Kms.Tests.Import;

public class KeyMaterialUnwrapperTests
{
    private const string Undecryptable = "The wrapped key material could not be decrypted with the wrapping key of this import token.";
    private static readonly byte[] Symmetric = RandomNumberGenerator.GetBytes(32);

    public static TheoryData<AlgorithmSpec, WrappingKeySpec> RsaAlgorithmsAndSpecs()
    {
        var data = new TheoryData<AlgorithmSpec, WrappingKeySpec>();
        foreach (var algorithm in new[] { AlgorithmSpec.RSAES_OAEP_SHA_1, AlgorithmSpec.RSAES_OAEP_SHA_256, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1,
                     AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, AlgorithmSpec.RSAES_PKCS1_V1_5 })
        foreach (var spec in new[] { WrappingKeySpec.RSA_2048, WrappingKeySpec.RSA_3072, WrappingKeySpec.RSA_4096 })
            data.Add(algorithm, spec);
        return data;
    }

    private static byte[] Wrap(AlgorithmSpec algorithm, byte[] publicKey, byte[] material, int aesKeyBytes = 32) => algorithm switch
    {
        AlgorithmSpec.RSAES_OAEP_SHA_1 => TestKeys.WrapOaep(publicKey, material, RSAEncryptionPadding.OaepSHA1),
        AlgorithmSpec.RSAES_OAEP_SHA_256 => TestKeys.WrapOaep(publicKey, material, RSAEncryptionPadding.OaepSHA256),
        AlgorithmSpec.RSAES_PKCS1_V1_5 => TestKeys.WrapOaep(publicKey, material, RSAEncryptionPadding.Pkcs1),
        AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1 => TestKeys.WrapRsaAes(publicKey, material, RSAEncryptionPadding.OaepSHA1, aesKeyBytes),
        AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256 => TestKeys.WrapRsaAes(publicKey, material, RSAEncryptionPadding.OaepSHA256, aesKeyBytes),
        _ => TestKeys.WrapSm2(publicKey, material),
    };

    [Theory]
    [MemberData(nameof(RsaAlgorithmsAndSpecs))]
    public void symmetric_material_unwraps_with_each_rsa_algorithm_and_wrapping_spec(AlgorithmSpec algorithm, WrappingKeySpec spec)
    {
        var pair = TestKeys.Wrapping(spec);
        var encrypted = Wrap(algorithm, pair.PublicKeyDer, Symmetric);
        Assert.Equal(Symmetric, KeyMaterialUnwrapper.Unwrap(algorithm, spec, pair.PrivateKeyPkcs8, encrypted));
    }

    [Theory]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256)]
    public void rsa_private_key_material_unwraps_with_rsa_aes_key_wrap(AlgorithmSpec algorithm)
    {
        var pair = TestKeys.Wrapping(WrappingKeySpec.RSA_2048);
        var material = TestKeys.RsaPkcs8(4096);
        Assert.Equal(material, KeyMaterialUnwrapper.Unwrap(algorithm, WrappingKeySpec.RSA_2048, pair.PrivateKeyPkcs8,
            Wrap(algorithm, pair.PublicKeyDer, material)));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(32)]
    public void ephemeral_aes_keys_of_128_192_and_256_bits_are_accepted(int aesKeyBytes)
    {
        var pair = TestKeys.Wrapping(WrappingKeySpec.RSA_3072);
        var material = KeyMaterialFactory.Generate(KeySpec.ECC_NIST_P521);
        var encrypted = Wrap(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, pair.PublicKeyDer, material, aesKeyBytes);
        Assert.Equal(material, KeyMaterialUnwrapper.Unwrap(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_3072, pair.PrivateKeyPkcs8, encrypted));
    }

    [Fact]
    public void ephemeral_key_of_another_size_is_invalid_ciphertext()
    {
        var pair = TestKeys.Wrapping(WrappingKeySpec.RSA_2048);
        var encrypted = TestKeys.WrapRsaAes(pair.PublicKeyDer, Symmetric, RSAEncryptionPadding.OaepSHA256);
        // Replace the RSA part with RSA-OAEP of a 20-byte "AES key".
        byte[] forged = [.. TestKeys.WrapOaep(pair.PublicKeyDer, new byte[20], RSAEncryptionPadding.OaepSHA256), .. encrypted[256..]];
        var error = ThrowsKms(KmsErrorCodes.InvalidCiphertextException,
            () => KeyMaterialUnwrapper.Unwrap(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_2048, pair.PrivateKeyPkcs8, forged));
        Assert.Equal(Undecryptable, error.Message);
    }

    [Fact]
    public void sm2pke_wrapped_material_unwraps_with_the_sm2_wrapping_key()
    {
        var pair = TestKeys.Wrapping(WrappingKeySpec.SM2);
        var material = KeyMaterialFactory.Generate(KeySpec.SM2);
        var encrypted = TestKeys.WrapSm2(pair.PublicKeyDer, material);
        Assert.Equal(material, KeyMaterialUnwrapper.Unwrap(AlgorithmSpec.SM2PKE, WrappingKeySpec.SM2, pair.PrivateKeyPkcs8, encrypted));
    }

    [Theory]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_1, WrappingKeySpec.RSA_2048)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_2048)]
    [InlineData(AlgorithmSpec.RSAES_PKCS1_V1_5, WrappingKeySpec.RSA_2048)]
    [InlineData(AlgorithmSpec.SM2PKE, WrappingKeySpec.SM2)]
    public void material_wrapped_for_another_public_key_is_invalid_ciphertext(AlgorithmSpec algorithm, WrappingKeySpec spec)
    {
        var encrypted = Wrap(algorithm, TestKeys.ForeignWrapping(spec).PublicKeyDer, Symmetric);
        var error = ThrowsKms(KmsErrorCodes.InvalidCiphertextException,
            () => KeyMaterialUnwrapper.Unwrap(algorithm, spec, TestKeys.Wrapping(spec).PrivateKeyPkcs8, encrypted));
        Assert.Equal(Undecryptable, error.Message);
    }

    [Theory]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, AlgorithmSpec.RSAES_OAEP_SHA_1)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_1, AlgorithmSpec.RSAES_OAEP_SHA_256)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, AlgorithmSpec.RSAES_OAEP_SHA_256)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, AlgorithmSpec.SM2PKE)]
    public void material_wrapped_with_another_algorithm_is_invalid_ciphertext(AlgorithmSpec wrappedWith, AlgorithmSpec unwrapWith)
    {
        var pair = TestKeys.Wrapping(WrappingKeySpec.RSA_2048);
        var encrypted = Wrap(wrappedWith, pair.PublicKeyDer, Symmetric);
        ThrowsKms(KmsErrorCodes.InvalidCiphertextException,
            () => KeyMaterialUnwrapper.Unwrap(unwrapWith, WrappingKeySpec.RSA_2048, pair.PrivateKeyPkcs8, encrypted));
    }

    [Theory]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1, WrappingKeySpec.RSA_3072)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_4096)]
    [InlineData(AlgorithmSpec.SM2PKE, WrappingKeySpec.SM2)]
    public void truncated_or_corrupted_material_is_invalid_ciphertext(AlgorithmSpec algorithm, WrappingKeySpec spec)
    {
        var pair = TestKeys.Wrapping(spec);
        var encrypted = Wrap(algorithm, pair.PublicKeyDer, Symmetric);
        foreach (var broken in new[] { encrypted[..^1], encrypted[..^8], encrypted[..10], Array.Empty<byte>(), Flip(encrypted, encrypted.Length - 1), Flip(encrypted, 3) })
        {
            ThrowsKms(KmsErrorCodes.InvalidCiphertextException,
                () => KeyMaterialUnwrapper.Unwrap(algorithm, spec, pair.PrivateKeyPkcs8, broken));
        }
    }

    [Fact]
    public void wrapping_key_that_does_not_match_the_token_spec_is_invalid_ciphertext()
    {
        var pair = TestKeys.Wrapping(WrappingKeySpec.RSA_2048);
        var encrypted = Wrap(AlgorithmSpec.RSAES_OAEP_SHA_256, pair.PublicKeyDer, Symmetric);
        ThrowsKms(KmsErrorCodes.InvalidCiphertextException,
            () => KeyMaterialUnwrapper.Unwrap(AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_4096, pair.PrivateKeyPkcs8, encrypted));
        ThrowsKms(KmsErrorCodes.InvalidCiphertextException,
            () => KeyMaterialUnwrapper.Unwrap(AlgorithmSpec.SM2PKE, WrappingKeySpec.SM2, pair.PrivateKeyPkcs8, encrypted));
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }
}
