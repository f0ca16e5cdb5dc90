using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// An engine-keyed commitment to (key ID, material), kept after the material itself is destroyed so a reimport can be
/// checked for "same material" (docs/byok.md). Unlike the KeyMaterialId, it cannot be recomputed without the engine key,
/// so a leaked journal does not let anyone test guesses of low-entropy material.
/// </summary>
public sealed class MaterialCommitment
{
    private readonly byte[] _engineKey;

    public MaterialCommitment(byte[] engineKey)
    {
        ArgumentNullException.ThrowIfNull(engineKey);
        if (engineKey.Length < 32)
            throw new ArgumentException("The commitment key must be at least 32 bytes.", nameof(engineKey));
        _engineKey = engineKey.ToArray();
    }

    public byte[] Compute(string keyId, ReadOnlySpan<byte> material)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        var id = Encoding.UTF8.GetBytes(keyId);
        // Length prefixes keep (keyId, material) pairs from colliding by shifting bytes between the two.
        var data = new byte[4 + id.Length + 4 + material.Length];
        BinaryPrimitives.WriteInt32BigEndian(data, id.Length);
        id.CopyTo(data, 4);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4 + id.Length), material.Length);
        material.CopyTo(data.AsSpan(8 + id.Length));
        try
        {
            return HMACSHA256.HashData(_engineKey, data);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
        }
    }

    public bool Matches(byte[] commitment, string keyId, ReadOnlySpan<byte> material)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        return CryptographicOperations.FixedTimeEquals(commitment, Compute(keyId, material));
    }
}
