using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Crypto.Assertions;

namespace KmsActors.Kms.Tests.Crypto;

public class HmacKeyMaterialTests
{
    [Fact]
    public void hmac_256_matches_the_rfc_2104_mac()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var hmac = new HmacKeyMaterial(KeySpec.HMAC_256, key);
        Assert.Equal(HMACSHA256.HashData(key, "message"u8), hmac.GenerateMac(MacAlgorithmSpec.HMAC_SHA_256, "message"u8));
    }

    [Fact]
    public void hmac_224_matches_rfc_4231_test_case_2()
    {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        using var hmac = new HmacKeyMaterial(KeySpec.HMAC_224, "Jefe"u8);
        Assert.Equal("a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44",
            Convert.ToHexStringLower(hmac.GenerateMac(MacAlgorithmSpec.HMAC_SHA_224, "what do ya want for nothing?"u8)));
    }

    [Theory]
    [InlineData(KeySpec.HMAC_224, MacAlgorithmSpec.HMAC_SHA_224, 28)]
    [InlineData(KeySpec.HMAC_256, MacAlgorithmSpec.HMAC_SHA_256, 32)]
    [InlineData(KeySpec.HMAC_384, MacAlgorithmSpec.HMAC_SHA_384, 48)]
    [InlineData(KeySpec.HMAC_512, MacAlgorithmSpec.HMAC_SHA_512, 64)]
    public void each_hmac_spec_macs_with_its_own_algorithm_and_verifies(KeySpec spec, MacAlgorithmSpec algorithm, int macLength)
    {
        using var hmac = new HmacKeyMaterial(spec, KeyMaterialFactory.Generate(spec));
        var mac = hmac.GenerateMac(algorithm, "data"u8);
        Assert.Equal(macLength, mac.Length);
        Assert.True(hmac.VerifyMac(algorithm, "data"u8, mac));
        mac[0] ^= 1;
        Assert.False(hmac.VerifyMac(algorithm, "data"u8, mac));
        Assert.False(hmac.VerifyMac(algorithm, "other"u8, hmac.GenerateMac(algorithm, "data"u8)));
    }

    [Fact]
    public void mac_algorithm_of_another_spec_is_invalid_key_usage()
    {
        using var hmac = new HmacKeyMaterial(KeySpec.HMAC_224, new byte[28]);
        var error = ThrowsKms(KmsErrorCodes.InvalidKeyUsageException, () => hmac.GenerateMac(MacAlgorithmSpec.HMAC_SHA_256, "x"u8));
        Assert.Equal("Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.", error.Message);
        ThrowsKms(KmsErrorCodes.InvalidKeyUsageException, () => hmac.VerifyMac(MacAlgorithmSpec.HMAC_SHA_512, "x"u8, new byte[64]));
    }
}
