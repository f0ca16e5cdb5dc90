using System.Security.Cryptography;
using KmsActors.Kms.Crypto;

namespace KmsActors.Kms.Tests.Crypto;

public class MaterialCommitmentTests
{
    private const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static readonly byte[] EngineKey = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void commitment_matches_the_same_material_for_the_same_key()
    {
        var commitments = new MaterialCommitment(EngineKey);
        var material = RandomNumberGenerator.GetBytes(32);
        var commitment = commitments.Compute(KeyId, material);
        Assert.Equal(32, commitment.Length);
        Assert.True(commitments.Matches(commitment, KeyId, material.ToArray()));
    }

    [Fact]
    public void commitment_does_not_match_other_material_or_another_key()
    {
        var commitments = new MaterialCommitment(EngineKey);
        var material = RandomNumberGenerator.GetBytes(32);
        var commitment = commitments.Compute(KeyId, material);

        var other = material.ToArray();
        other[^1] ^= 1;
        Assert.False(commitments.Matches(commitment, KeyId, other));
        Assert.False(commitments.Matches(commitment, "ffffffff-12ab-34cd-56ef-1234567890ab", material));
        Assert.False(commitments.Matches(commitment[..16], KeyId, material));
    }

    [Fact]
    public void commitment_depends_on_the_engine_key()
    {
        var material = RandomNumberGenerator.GetBytes(32);
        var ours = new MaterialCommitment(EngineKey).Compute(KeyId, material);
        var theirs = new MaterialCommitment(RandomNumberGenerator.GetBytes(32)).Compute(KeyId, material);
        Assert.NotEqual(ours, theirs);
    }

    [Fact]
    public void length_prefixes_keep_key_id_and_material_boundaries_apart()
    {
        var commitments = new MaterialCommitment(EngineKey);
        Assert.NotEqual(commitments.Compute("ab", [(byte)'c']), commitments.Compute("a", [(byte)'b', (byte)'c']));
    }
}
