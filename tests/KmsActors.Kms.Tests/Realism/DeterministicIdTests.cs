using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using KmsActors.Kms.Services;

namespace KmsActors.Kms.Tests.Realism;

/// <summary>kms.deterministic-ids: seeded UUIDv8 request, key and event IDs, and material derived from names.</summary>
public sealed class DeterministicIdTests
{
    [Fact]
    public void ids_derived_from_a_deterministic_request_id_are_deterministic_and_recognisable()
    {
        const string requestId = "3f1c2d4e-5a6b-8c7d-9e0f-112233445566";

        var keyId = IdSource.NewKeyId(requestId, multiRegion: false);
        var mrk = IdSource.NewKeyId(requestId, multiRegion: true);

        Assert.Equal(keyId, IdSource.NewKeyId(requestId, multiRegion: false));
        Assert.True(IdSource.IsDeterministic(keyId) && IdSource.IsDeterministic(mrk));
        Assert.Equal(IdSource.EventIdOf(requestId), IdSource.EventIdOf(requestId));
        Assert.True(Guid.TryParseExact(keyId, "D", out _));
        Assert.Matches("^mrk-[0-9a-f]{32}$", mrk);
    }

    [Fact]
    public void random_ids_stay_random()
    {
        var requestId = Guid.NewGuid().ToString();

        Assert.False(IdSource.IsDeterministic(requestId));
        Assert.NotEqual(IdSource.NewKeyId(requestId, false), IdSource.NewKeyId(requestId, false));
    }

    [Theory]
    [InlineData(KeySpec.SYMMETRIC_DEFAULT)]
    [InlineData(KeySpec.HMAC_384)]
    [InlineData(KeySpec.ECC_NIST_P256)]
    [InlineData(KeySpec.ECC_SECG_P256K1)]
    [InlineData(KeySpec.RSA_2048)]
    public void derived_material_is_the_same_for_the_same_name_and_valid_for_its_spec(KeySpec spec)
    {
        var first = DeterministicMaterial.For("key-1", spec)!;

        Assert.Equal(first, DeterministicMaterial.For("key-1", spec));
        Assert.NotEqual(first, DeterministicMaterial.For("key-2", spec));
        Assert.NotNull(KeyMaterialValidator.Validate(spec, first, chinaPartition: false));
    }
}
