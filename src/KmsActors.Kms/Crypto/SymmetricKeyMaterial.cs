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
        var header = CiphertextBlob.EncodeHeader(keyId, keyMaterialId);
        Span<byte> nonce = stackalloc byte[CiphertextBlob.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        Span<byte> tag = stackalloc byte[CiphertextBlob.TagSize];
        var ciphertext = new byte[plaintext.Length];
        _aes.Encrypt(nonce, plaintext, ciphertext, tag, CiphertextBlob.AssociatedData(header, context));
        return CiphertextBlob.Encode(header, nonce, tag, ciphertext);
    }

    /// <summary>Any mismatch — other material, other key ID, other context, a flipped bit — is InvalidCiphertextException.</summary>
    public byte[] Decrypt(CiphertextBlob blob, IReadOnlyDictionary<string, string>? context)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var plaintext = new byte[blob.Ciphertext.Length];
        try
        {
            _aes.Decrypt(blob.Nonce.Span, blob.Ciphertext.Span, blob.Tag.Span, plaintext,
                CiphertextBlob.AssociatedData(blob.Header.Span, context));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            throw CryptoErrors.InvalidCiphertext();
        }
    }

    public void Dispose() => _aes.Dispose();
}
