using System.Security.Cryptography;
using System.Text;
using KmsActors.Kms.Crypto;

namespace KmsActors.Kms.Tests.Crypto;

public class KeyMaterialIdsTests
{
    private const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";

    [Fact]
    public void material_id_is_hex_of_hmac_sha256_keyed_by_the_key_id()
    {
        var material = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(KeyId), material));
        Assert.Equal(expected, KeyMaterialIds.Derive(KeyId, material));
    }

    [Fact]
    public void material_id_is_deterministic_and_depends_on_key_and_material()
    {
        var material = RandomNumberGenerator.GetBytes(32);
        var id = KeyMaterialIds.Derive(KeyId, material);
        Assert.Equal(id, KeyMaterialIds.Derive(KeyId, material.ToArray()));
        Assert.NotEqual(id, KeyMaterialIds.Derive("mrk-1234abcd12ab34cd56ef1234567890ab", material));
        material[0] ^= 1;
        Assert.NotEqual(id, KeyMaterialIds.Derive(KeyId, material));
    }

    [Fact]
    public void derived_material_id_is_64_lower_case_hex_characters()
    {
        var id = KeyMaterialIds.Derive(KeyId, RandomNumberGenerator.GetBytes(32));
        Assert.Equal(64, id.Length);
        Assert.Matches("^[a-f0-9]{64}$", id);
        Assert.True(KeyMaterialIds.IsValidFormat(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdeg0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void malformed_material_ids_are_not_valid_format(string? value) =>
        Assert.False(KeyMaterialIds.IsValidFormat(value));

    [Fact]
    public void material_id_round_trips_through_its_32_raw_bytes()
    {
        var id = KeyMaterialIds.Derive(KeyId, new byte[32]);
        var raw = KeyMaterialIds.ToBytes(id);
        Assert.Equal(32, raw.Length);
        Assert.Equal(id, KeyMaterialIds.FromBytes(raw));
    }
}
