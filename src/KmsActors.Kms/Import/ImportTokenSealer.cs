using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Import;

/// <summary>
/// Seals import tokens with AES-256-GCM under the engine's token key, so a token is opaque to the caller and any
/// flipped bit is detected (docs/byok.md). Layout:
/// <code>
/// sealed  = version (1) ‖ nonce (12) ‖ tag (16) ‖ AES-GCM(payload), AD = version
/// payload = tokenId (16) ‖ issuedAt ticks (i64 BE) ‖ validTo ticks (i64 BE) ‖ algorithm (u8) ‖ wrapping key spec (u8)
///           ‖ keyArn (u16 BE length ‖ UTF-8) ‖ wrapping private key PKCS#8 (u16 BE length ‖ bytes)
/// </code>
/// With an RSA-4096 private key this is about 2.5 KB, well inside AWS's 6144-byte ImportToken limit. Thread-safe.
/// </summary>
public sealed class ImportTokenSealer
{
    public const byte CurrentVersion = 1;
    /// <summary>AWS: ImportToken is 1 to 6144 bytes.</summary>
    public const int MaxSealedLength = 6144;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int FixedPayload = 16 + 8 + 8 + 1 + 1 + 2 + 2;

    /// <summary>AES-GCM objects under the token key, reused (every import opens a token).</summary>
    private readonly AesGcmPool _aes;

    public ImportTokenSealer(byte[] tokenKey)
    {
        ArgumentNullException.ThrowIfNull(tokenKey);
        if (tokenKey.Length != 32)
            throw new ArgumentException("The import token key must be 32 bytes (AES-256).", nameof(tokenKey));
        _aes = new AesGcmPool(tokenKey, TagSize);
    }

    public byte[] Seal(ImportToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var payload = Serialize(token);
        var sealedToken = new byte[1 + NonceSize + TagSize + payload.Length];
        sealedToken[0] = CurrentVersion;
        var nonce = sealedToken.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var aes = _aes.Rent();
        try
        {
            aes.Encrypt(nonce, payload, sealedToken.AsSpan(1 + NonceSize + TagSize), sealedToken.AsSpan(1 + NonceSize, TagSize), sealedToken.AsSpan(0, 1));
        }
        finally
        {
            _aes.Return(aes);
        }
        CryptographicOperations.ZeroMemory(payload);
        if (sealedToken.Length > MaxSealedLength)
            throw new InvalidOperationException($"Sealed import token is {sealedToken.Length} bytes; AWS allows at most {MaxSealedLength}.");
        return sealedToken;
    }

    /// <summary>
    /// Unseals and checks a token for ImportKeyMaterial. Garbled, tampered, truncated or bound to another key →
    /// InvalidImportTokenException; at or after ValidTo → ExpiredImportTokenException.
    /// </summary>
    public ImportToken Open(byte[] sealedToken, string expectedKeyArn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sealedToken);
        var token = TryUnseal(sealedToken) ?? throw Invalid();
        if (!string.Equals(token.KeyArn, expectedKeyArn, StringComparison.Ordinal))
            throw Invalid();
        if (token.IsExpiredAt(now))
            throw KmsException.ExpiredImportToken(
                $"The import token expired at {token.ValidTo.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}. Call GetParametersForImport for a new public key and import token.");
        return token;
    }

    private ImportToken? TryUnseal(byte[] sealedToken)
    {
        if (sealedToken.Length < 1 + NonceSize + TagSize + FixedPayload || sealedToken.Length > MaxSealedLength || sealedToken[0] != CurrentVersion)
            return null;
        var payload = new byte[sealedToken.Length - 1 - NonceSize - TagSize];
        var aes = _aes.Rent();
        try
        {
            aes.Decrypt(sealedToken.AsSpan(1, NonceSize), sealedToken.AsSpan(1 + NonceSize + TagSize), sealedToken.AsSpan(1 + NonceSize, TagSize), payload, sealedToken.AsSpan(0, 1));
            return Deserialize(payload);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        finally
        {
            _aes.Return(aes);
            CryptographicOperations.ZeroMemory(payload);
        }
    }

    private static byte[] Serialize(ImportToken token)
    {
        var arn = Encoding.UTF8.GetBytes(token.KeyArn);
        if (arn.Length > ushort.MaxValue || token.WrappingPrivateKey.Length > ushort.MaxValue)
            throw new ArgumentException("Key ARN or wrapping key too long for an import token.", nameof(token));
        var payload = new byte[FixedPayload + arn.Length + token.WrappingPrivateKey.Length];
        var span = payload.AsSpan();
        token.TokenId.TryWriteBytes(span[..16]);
        BinaryPrimitives.WriteInt64BigEndian(span[16..], token.IssuedAt.UtcTicks);
        BinaryPrimitives.WriteInt64BigEndian(span[24..], token.ValidTo.UtcTicks);
        span[32] = (byte)token.WrappingAlgorithm;
        span[33] = (byte)token.WrappingKeySpec;
        BinaryPrimitives.WriteUInt16BigEndian(span[34..], (ushort)arn.Length);
        arn.CopyTo(span[36..]);
        var at = 36 + arn.Length;
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)token.WrappingPrivateKey.Length);
        token.WrappingPrivateKey.CopyTo(span[(at + 2)..]);
        return payload;
    }

    // Only ever called on authenticated payloads we wrote, but checked anyway: a token key shared across versions
    // must not turn a layout mistake into an exception other than InvalidImportToken.
    private static ImportToken? Deserialize(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < FixedPayload)
            return null;
        var tokenId = new Guid(payload[..16]);
        var issued = BinaryPrimitives.ReadInt64BigEndian(payload[16..]);
        var validTo = BinaryPrimitives.ReadInt64BigEndian(payload[24..]);
        var algorithm = (AlgorithmSpec)payload[32];
        var spec = (WrappingKeySpec)payload[33];
        var arnLength = BinaryPrimitives.ReadUInt16BigEndian(payload[34..]);
        if (!Enum.IsDefined(algorithm) || !Enum.IsDefined(spec) || payload.Length < FixedPayload + arnLength
            || issued < DateTimeOffset.MinValue.UtcTicks || validTo > DateTimeOffset.MaxValue.UtcTicks || issued > validTo)
            return null;
        var arn = Encoding.UTF8.GetString(payload.Slice(36, arnLength));
        var at = 36 + arnLength;
        var keyLength = BinaryPrimitives.ReadUInt16BigEndian(payload[at..]);
        if (payload.Length != FixedPayload + arnLength + keyLength)
            return null;
        return new ImportToken(tokenId, arn, algorithm, spec, new DateTimeOffset(issued, TimeSpan.Zero),
            new DateTimeOffset(validTo, TimeSpan.Zero), payload.Slice(at + 2, keyLength).ToArray());
    }

    private static KmsException Invalid() =>
        KmsException.InvalidImportToken("The import token is invalid or was issued for another KMS key.");
}
