using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// KmsActors' symmetric ciphertext format (version 1):
/// <code>
/// header     = version (1 byte) ‖ keyIdLength (u16 BE) ‖ keyId (UTF-8) ‖ keyMaterialId (32 raw bytes)
/// blob       = header ‖ nonce (12) ‖ tag (16) ‖ ciphertext
/// AES-GCM AD = header ‖ canonical encryption context (see <see cref="AssociatedData"/>)
/// </code>
/// The key ID is the one Decrypt routes by (for multi-Region keys the shared mrk- ID, so replicas decrypt each other's
/// blobs); the material ID picks the material among a rotated key's materials. Both are authenticated.
/// </summary>
public sealed class CiphertextBlob
{
    /// <summary>UTF-8 that throws on invalid bytes (a blob naming no valid key ID is invalid); one instance, it is thread-safe.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public const byte CurrentVersion = 1;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    /// <summary>AWS: CiphertextBlob is 1 to 6144 bytes.</summary>
    public const int MaxLength = 6144;
    private const int MaterialIdSize = 32;
    private const int MaxKeyIdBytes = 256;

    private CiphertextBlob(string keyId, string keyMaterialId, byte[] header, byte[] nonce, byte[] tag, byte[] ciphertext)
    {
        KeyId = keyId;
        KeyMaterialId = keyMaterialId;
        Header = header;
        Nonce = nonce;
        Tag = tag;
        Ciphertext = ciphertext;
    }

    public byte Version => CurrentVersion;
    public string KeyId { get; }
    public string KeyMaterialId { get; }
    public ReadOnlyMemory<byte> Header { get; }
    public ReadOnlyMemory<byte> Nonce { get; }
    public ReadOnlyMemory<byte> Tag { get; }
    public ReadOnlyMemory<byte> Ciphertext { get; }

    public static byte[] EncodeHeader(string keyId, string keyMaterialId)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        var id = Encoding.UTF8.GetBytes(keyId);
        if (id.Length > MaxKeyIdBytes)
            throw new ArgumentException("Key ID is too long for a ciphertext blob.", nameof(keyId));
        var header = new byte[1 + 2 + id.Length + MaterialIdSize];
        header[0] = CurrentVersion;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(1), (ushort)id.Length);
        id.CopyTo(header, 3);
        KeyMaterialIds.ToBytes(keyMaterialId).CopyTo(header, 3 + id.Length);
        return header;
    }

    public static byte[] Encode(ReadOnlySpan<byte> header, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> ciphertext)
    {
        if (nonce.Length != NonceSize || tag.Length != TagSize)
            throw new ArgumentException("AES-GCM nonce must be 12 bytes and tag 16 bytes.");
        var length = header.Length + NonceSize + TagSize + ciphertext.Length;
        if (length > MaxLength)
            throw KmsException.Validation($"The ciphertext would be {length} bytes; a ciphertext blob is at most {MaxLength}.");
        var blob = new byte[length];
        var span = blob.AsSpan();
        header.CopyTo(span);
        nonce.CopyTo(span[header.Length..]);
        tag.CopyTo(span[(header.Length + NonceSize)..]);
        ciphertext.CopyTo(span[(header.Length + NonceSize + TagSize)..]);
        return blob;
    }

    /// <summary>Parses a blob; truncated, oversized or malformed input → InvalidCiphertextException.</summary>
    public static CiphertextBlob Decode(ReadOnlySpan<byte> blob) =>
        TryDecode(blob, out var parsed) ? parsed : throw Invalid();

    public static bool TryDecode(ReadOnlySpan<byte> blob, [NotNullWhen(true)] out CiphertextBlob? result)
    {
        result = null;
        if (blob.Length < 3 || blob.Length > MaxLength || blob[0] != CurrentVersion)
            return false;
        var idLength = BinaryPrimitives.ReadUInt16BigEndian(blob[1..]);
        if (idLength == 0 || idLength > MaxKeyIdBytes)
            return false;
        var headerLength = 3 + idLength + MaterialIdSize;
        if (blob.Length < headerLength + NonceSize + TagSize)
            return false;

        string keyId;
        try
        {
            keyId = StrictUtf8.GetString(blob.Slice(3, idLength));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var materialId = KeyMaterialIds.FromBytes(blob.Slice(3 + idLength, MaterialIdSize));
        var rest = blob[headerLength..];
        result = new CiphertextBlob(keyId, materialId, blob[..headerLength].ToArray(),
            rest[..NonceSize].ToArray(), rest.Slice(NonceSize, TagSize).ToArray(), rest[(NonceSize + TagSize)..].ToArray());
        return true;
    }

    /// <summary>
    /// AES-GCM associated data: the header, then the encryption context canonically — pair count, then each pair
    /// sorted by key (ordinal) as length-prefixed UTF-8 key and value. No context and an empty context are the same,
    /// as in AWS; any other difference (a key, a value, a pair more or less) fails authentication.
    /// </summary>
    public static byte[] AssociatedData(ReadOnlySpan<byte> header, IReadOnlyDictionary<string, string>? context)
    {
        // One exact-size array (this runs for every Encrypt and Decrypt); the layout is the one documented above.
        var count = context?.Count ?? 0;
        if (count == 0)
        {
            var empty = new byte[header.Length + 4]; // pair count 0
            header.CopyTo(empty);
            return empty;
        }
        var pairs = new KeyValuePair<string, string>[count];
        var length = header.Length + 4;
        var i = 0;
        foreach (var pair in context!)
        {
            pairs[i++] = pair;
            length += 8 + Encoding.UTF8.GetByteCount(pair.Key) + Encoding.UTF8.GetByteCount(pair.Value);
        }
        Array.Sort(pairs, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var data = new byte[length];
        header.CopyTo(data);
        var at = header.Length;
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(at), count);
        at += 4;
        foreach (var (key, value) in pairs)
        {
            at = WritePrefixed(data, at, key);
            at = WritePrefixed(data, at, value);
        }
        return data;
    }

    internal static KmsException Invalid() => KmsException.InvalidCiphertext();

    private static int WritePrefixed(byte[] data, int at, string text)
    {
        var written = Encoding.UTF8.GetBytes(text, data.AsSpan(at + 4));
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(at), written);
        return at + 4 + written;
    }
}
