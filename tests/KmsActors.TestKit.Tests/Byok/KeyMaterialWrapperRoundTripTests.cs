using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;

namespace KmsActors.TestKit.Tests.Byok;

public class KeyMaterialWrapperRoundTripTests
{
    [Theory]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_1, KeySpec.SYMMETRIC_DEFAULT, 2048)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, KeySpec.SYMMETRIC_DEFAULT, 4096)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_1, KeySpec.HMAC_512, 3072)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, KeySpec.ECC_NIST_P256, 2048)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_1, KeySpec.ECC_SECG_P256K1, 2048)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, KeySpec.ECC_NIST_P384, 4096)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, KeySpec.ECC_NIST_P521, 4096)]
    [InlineData(AlgorithmSpec.RSAES_PKCS1_V1_5, KeySpec.SYMMETRIC_DEFAULT, 2048)]
    public void one_step_rsa_wrap_is_one_modulus_long_and_decrypts_to_the_material(AlgorithmSpec algorithm, KeySpec spec, int wrappingBits)
    {
        var material = KeyMaterial.CreateCached(spec);

        var wrapped = KeyMaterialWrapper.Wrap(WrappingKeys.RsaPublicKeyDer(wrappingBits), algorithm, material);

        Assert.Equal(wrappingBits / 8, wrapped.Length);
        Assert.Equal(material, Unwrap.WithRsa(WrappingKeys.Rsa(wrappingBits), algorithm, wrapped));
    }

    [Theory]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1, KeySpec.RSA_2048, 2048)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeySpec.RSA_4096, 2048)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeySpec.RSA_3072, 4096)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeySpec.ECC_NIST_P521, 2048)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1, KeySpec.SYMMETRIC_DEFAULT, 3072)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeySpec.HMAC_224, 2048)]
    public void rsa_aes_wrap_is_the_rsa_part_then_the_rfc5649_part_and_decrypts_to_the_material(AlgorithmSpec algorithm, KeySpec spec, int wrappingBits)
    {
        var material = KeyMaterial.CreateCached(spec);

        var wrapped = KeyMaterialWrapper.Wrap(WrappingKeys.RsaPublicKeyDer(wrappingBits), algorithm, material);

        var kwpLength = (material.Length + 7) / 8 * 8 + 8; // RFC 5649: padded to 8 bytes plus the 8-byte IV block
        Assert.Equal(wrappingBits / 8 + kwpLength, wrapped.Length);
        var (aesKey, unwrapped) = Unwrap.RsaAes(WrappingKeys.Rsa(wrappingBits), algorithm, wrapped);
        Assert.Equal(32, aesKey.Length);
        Assert.Equal(material, unwrapped);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(32)]
    public void rsa_aes_wrap_uses_an_ephemeral_aes_key_of_the_requested_size(int aesKeySize)
    {
        var material = KeyMaterial.CreateCached(KeySpec.ECC_NIST_P384);

        var wrapped = KeyMaterialWrapper.Wrap(
            WrappingKeys.RsaPublicKeyDer(2048), AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material, aesKeySize);

        var (aesKey, unwrapped) = Unwrap.RsaAes(WrappingKeys.Rsa(2048), AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, wrapped);
        Assert.Equal(aesKeySize, aesKey.Length);
        Assert.Equal(material, unwrapped);
    }

    [Fact]
    public void two_wraps_of_the_same_material_differ_but_both_decrypt()
    {
        var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var publicKey = WrappingKeys.RsaPublicKeyDer(2048);

        var first = KeyMaterialWrapper.Wrap(publicKey, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material);
        var second = KeyMaterialWrapper.Wrap(publicKey, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material);

        Assert.NotEqual(first, second);
        Assert.NotEqual(first[256..], second[256..]); // a fresh AES key each time, not only fresh OAEP padding
        Assert.Equal(material, Unwrap.WithRsa(WrappingKeys.Rsa(2048), AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, second));
    }

    [Theory]
    [InlineData(KeySpec.SYMMETRIC_DEFAULT)]
    [InlineData(KeySpec.SM2)]
    [InlineData(KeySpec.HMAC_384)]
    [InlineData(KeySpec.RSA_2048)]
    public void sm2pke_wrap_is_c1_c3_c2_and_decrypts_to_the_material(KeySpec spec)
    {
        var material = KeyMaterial.CreateCached(spec, chinaPartition: true);

        var wrapped = KeyMaterialWrapper.Wrap(WrappingKeys.Sm2PublicKeyDer, AlgorithmSpec.SM2PKE, material);

        Assert.Equal(65 + 32 + material.Length, wrapped.Length); // C1 uncompressed point, C3 SM3 digest, C2
        Assert.Equal(0x04, wrapped[0]);
        Assert.Equal(material, Unwrap.WithSm2(WrappingKeys.Sm2Private, wrapped));
        Assert.Throws<InvalidCipherTextException>(() => Unwrap.WithSm2(WrappingKeys.Sm2Private, wrapped, SM2Engine.Mode.C1C2C3));
    }
}
