using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// KeyMaterialId: AWS says it is deterministic in (KMS key ID, material) and 64 hex chars; KmsActors uses
/// hex(HMAC-SHA256(key = UTF-8 key ID, data = material)) (docs/byok.md). Multi-Region keys pass the shared mrk- ID.
/// </summary>
public static partial class KeyMaterialIds
{
    public const int Length = 64;

    public static string Derive(string keyId, ReadOnlySpan<byte> material)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(keyId), material);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>The model's pattern for KeyMaterialId: exactly 64 characters of ^[a-f0-9]+$.</summary>
    public static bool IsValidFormat(string? value) => value is { Length: Length } && HexPattern().IsMatch(value);

    /// <summary>The 32 raw bytes behind a valid ID (as stored in ciphertext blobs).</summary>
    public static byte[] ToBytes(string keyMaterialId)
    {
        if (!IsValidFormat(keyMaterialId))
            throw new ArgumentException("Not a 64-hex KeyMaterialId.", nameof(keyMaterialId));
        return Convert.FromHexString(keyMaterialId);
    }

    public static string FromBytes(ReadOnlySpan<byte> raw) =>
        raw.Length == Length / 2 ? Convert.ToHexStringLower(raw) : throw new ArgumentException("A KeyMaterialId is 32 bytes.", nameof(raw));

    [GeneratedRegex("^[a-f0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HexPattern();
}
