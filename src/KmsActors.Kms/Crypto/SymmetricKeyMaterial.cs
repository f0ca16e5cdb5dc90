using System.Security.Cryptography;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// SYMMETRIC_DEFAULT material: AES-256-GCM (AES-128-GCM stands in for SM4 with 16-byte China material) producing
/// <see cref="CiphertextBlob"/>s. Nonces are random 96-bit values, fine for the 2^32 messages per material a simulator
/// will ever see.
/// </summary>
public sealed class SymmetricKeyMaterial : IKeyMaterial
{
    private readonly AesGcm _aes;
    // The blob header and the associated data without encryption context depend only on (key ID, material ID),
    // which a key actor's material object always sees the same: built once, not per call.
    private HeaderCache? _header;

    private sealed record HeaderCache(string KeyId, string KeyMaterialId, byte[] Header, byte[] AssociatedDataWithoutContext);

    public SymmetricKeyMaterial(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 32))
            throw new ArgumentException("Symmetric key material is 32 bytes (16 in China Regions).", nameof(key));
        _aes = new AesGcm(key, CiphertextBlob.TagSize);
    }

    public KeySpec Spec => KeySpec.SYMMETRIC_DEFAULT;

    public byte[]? PublicKeyDer => null;

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, string keyId, string keyMaterialId, IReadOnlyDictionary<string, string>? context)
    {
        var cached = HeaderFor(keyId, keyMaterialId);
        var header = cached.Header;
        var length = header.Length + CiphertextBlob.NonceSize + CiphertextBlob.TagSize + plaintext.Length;
        if (length > CiphertextBlob.MaxLength)
            throw KmsException.Validation($"The ciphertext would be {length} bytes; a ciphertext blob is at most {CiphertextBlob.MaxLength}.");
        // Written in place: blob = header ‖ nonce ‖ tag ‖ ciphertext (CiphertextBlob's layout), one allocation.
        var blob = new byte[length];
        var span = blob.AsSpan();
        header.CopyTo(span);
        var nonce = span.Slice(header.Length, CiphertextBlob.NonceSize);
        NonceSource.Fill(nonce);
        var tag = span.Slice(header.Length + CiphertextBlob.NonceSize, CiphertextBlob.TagSize);
        var ciphertext = span[(header.Length + CiphertextBlob.NonceSize + CiphertextBlob.TagSize)..];
        var associatedData = context is null || context.Count == 0 ? cached.AssociatedDataWithoutContext : CiphertextBlob.AssociatedData(header, context);
        _aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
        return blob;
    }

    private HeaderCache HeaderFor(string keyId, string keyMaterialId)
    {
        if (_header is { } cached && cached.KeyId == keyId && cached.KeyMaterialId == keyMaterialId)
            return cached;
        var header = CiphertextBlob.EncodeHeader(keyId, keyMaterialId);
        return _header = new HeaderCache(keyId, keyMaterialId, header, CiphertextBlob.AssociatedData(header, null));
    }

    /// <summary>Any mismatch — other material, other key ID, other context, a flipped bit — is InvalidCiphertextException.</summary>
    public byte[] Decrypt(CiphertextBlob blob, IReadOnlyDictionary<string, string>? context)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var plaintext = new byte[blob.Ciphertext.Length];
        try
        {
            var associatedData = (context is null || context.Count == 0) && _header is { } cached && blob.Header.Span.SequenceEqual(cached.Header)
                ? cached.AssociatedDataWithoutContext
                : CiphertextBlob.AssociatedData(blob.Header.Span, context);
            _aes.Decrypt(blob.Nonce.Span, blob.Ciphertext.Span, blob.Tag.Span, plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            throw CryptoErrors.InvalidCiphertext();
        }
    }

    public void Dispose() => _aes.Dispose();
}
