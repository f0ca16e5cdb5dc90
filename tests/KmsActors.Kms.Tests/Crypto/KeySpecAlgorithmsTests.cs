using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Crypto;

public class KeySpecAlgorithmsTests
{
    [Fact]
    public void symmetric_encrypt_decrypt_shows_symmetric_default()
    {
        Assert.Equal([EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT], KeySpecAlgorithms.EncryptionAlgorithms(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT));
        Assert.Empty(KeySpecAlgorithms.SigningAlgorithms(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT));
        Assert.False(KeySpecAlgorithms.IsAllowed(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.SIGN_VERIFY));
    }

    [Theory]
    [InlineData(KeySpec.RSA_2048)]
    [InlineData(KeySpec.RSA_3072)]
    [InlineData(KeySpec.RSA_4096)]
    public void rsa_shows_oaep_for_encryption_and_six_rsassa_algorithms_for_signing(KeySpec spec)
    {
        Assert.Equal([EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256],
            KeySpecAlgorithms.EncryptionAlgorithms(spec, KeyUsageType.ENCRYPT_DECRYPT));
        Assert.Empty(KeySpecAlgorithms.SigningAlgorithms(spec, KeyUsageType.ENCRYPT_DECRYPT));
        Assert.Equal(
            [SigningAlgorithmSpec.RSASSA_PSS_SHA_256, SigningAlgorithmSpec.RSASSA_PSS_SHA_384, SigningAlgorithmSpec.RSASSA_PSS_SHA_512,
             SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512],
            KeySpecAlgorithms.SigningAlgorithms(spec, KeyUsageType.SIGN_VERIFY));
        Assert.False(KeySpecAlgorithms.IsAllowed(spec, KeyUsageType.KEY_AGREEMENT));
    }

    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_256, true)]
    [InlineData(KeySpec.ECC_NIST_P384, SigningAlgorithmSpec.ECDSA_SHA_384, true)]
    [InlineData(KeySpec.ECC_NIST_P521, SigningAlgorithmSpec.ECDSA_SHA_512, true)]
    [InlineData(KeySpec.ECC_SECG_P256K1, SigningAlgorithmSpec.ECDSA_SHA_256, false)]
    public void ecc_shows_its_one_ecdsa_algorithm_and_ecdh_for_key_agreement(KeySpec spec, SigningAlgorithmSpec signing, bool agreement)
    {
        Assert.Equal([signing], KeySpecAlgorithms.SigningAlgorithms(spec, KeyUsageType.SIGN_VERIFY));
        Assert.Equal(agreement, KeySpecAlgorithms.IsAllowed(spec, KeyUsageType.KEY_AGREEMENT));
        Assert.Equal(agreement ? [KeyAgreementAlgorithmSpec.ECDH] : [], KeySpecAlgorithms.KeyAgreementAlgorithms(spec, KeyUsageType.KEY_AGREEMENT));
        Assert.False(KeySpecAlgorithms.IsAllowed(spec, KeyUsageType.ENCRYPT_DECRYPT));
    }

    [Theory]
    [InlineData(KeySpec.HMAC_224, MacAlgorithmSpec.HMAC_SHA_224)]
    [InlineData(KeySpec.HMAC_256, MacAlgorithmSpec.HMAC_SHA_256)]
    [InlineData(KeySpec.HMAC_384, MacAlgorithmSpec.HMAC_SHA_384)]
    [InlineData(KeySpec.HMAC_512, MacAlgorithmSpec.HMAC_SHA_512)]
    public void hmac_shows_its_mac_algorithm_and_only_allows_generate_verify_mac(KeySpec spec, MacAlgorithmSpec mac)
    {
        Assert.Equal([mac], KeySpecAlgorithms.MacAlgorithms(spec, KeyUsageType.GENERATE_VERIFY_MAC));
        Assert.Equal([KeyUsageType.GENERATE_VERIFY_MAC], KeySpecAlgorithms.AllowedKeyUsages(spec));
    }

    [Fact]
    public void sm2_shows_sm2pke_sm2dsa_or_ecdh_by_usage()
    {
        Assert.Equal([EncryptionAlgorithmSpec.SM2PKE], KeySpecAlgorithms.EncryptionAlgorithms(KeySpec.SM2, KeyUsageType.ENCRYPT_DECRYPT));
        Assert.Equal([SigningAlgorithmSpec.SM2DSA], KeySpecAlgorithms.SigningAlgorithms(KeySpec.SM2, KeyUsageType.SIGN_VERIFY));
        Assert.Equal([KeyAgreementAlgorithmSpec.ECDH], KeySpecAlgorithms.KeyAgreementAlgorithms(KeySpec.SM2, KeyUsageType.KEY_AGREEMENT));
    }

    [Fact]
    public void ml_dsa_and_edwards_keys_only_sign()
    {
        Assert.Equal([SigningAlgorithmSpec.ML_DSA_SHAKE_256], KeySpecAlgorithms.SigningAlgorithms(KeySpec.ML_DSA_44, KeyUsageType.SIGN_VERIFY));
        Assert.Equal([SigningAlgorithmSpec.ED25519_SHA_512, SigningAlgorithmSpec.ED25519_PH_SHA_512],
            KeySpecAlgorithms.SigningAlgorithms(KeySpec.ECC_NIST_EDWARDS25519, KeyUsageType.SIGN_VERIFY));
        Assert.Equal([KeyUsageType.SIGN_VERIFY], KeySpecAlgorithms.AllowedKeyUsages(KeySpec.ML_DSA_87));
    }
}
