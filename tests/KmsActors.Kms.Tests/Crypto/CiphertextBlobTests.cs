using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Crypto.Assertions;

namespace KmsActors.Kms.Tests.Crypto;

public class CiphertextBlobTests
{
    private const string KeyId = "mrk-1234abcd12ab34cd56ef1234567890ab";
    private static readonly byte[] Material = RandomNumberGenerator.GetBytes(32);
    private static readonly string MaterialId = KeyMaterialIds.Derive(KeyId, Material);
    private static readonly Dictionary<string, string> Context = new() { ["purpose"] = "test", ["Department"] = "10" };

    [Fact]
    public void encrypted_blob_decodes_to_its_key_id_and_material_id_and_decrypts()
    {
        using var key = new SymmetricKeyMaterial(Material);
        var blob = key.Encrypt("hello"u8, KeyId, MaterialId, Context);

        var parsed = CiphertextBlob.Decode(blob);
        Assert.Equal(CiphertextBlob.CurrentVersion, blob[0]);
        Assert.Equal(KeyId, parsed.KeyId);
        Assert.Equal(MaterialId, parsed.KeyMaterialId);
        Assert.Equal(5, parsed.Ciphertext.Length);
        Assert.Equal("hello"u8.ToArray(), key.Decrypt(parsed, new Dictionary<string, string>(Context)));
    }

    [Fact]
    public void blob_layout_is_header_nonce_tag_ciphertext()
    {
        var header = CiphertextBlob.EncodeHeader("k", MaterialId);
        Assert.Equal([0x01, 0x00, 0x01, (byte)'k', .. KeyMaterialIds.ToBytes(MaterialId)], header);
        var blob = CiphertextBlob.Encode(header, new byte[12], Enumerable.Repeat((byte)7, 16).ToArray(), [9, 9]);
        Assert.Equal(header.Length + 12 + 16 + 2, blob.Length);
        Assert.Equal([9, 9], blob[^2..]);
    }

    [Fact]
    public void context_order_does_not_matter_but_its_content_does()
    {
        var header = CiphertextBlob.EncodeHeader(KeyId, MaterialId);
        var reordered = new Dictionary<string, string> { ["purpose"] = "test", ["Department"] = "10" };
        Assert.Equal(CiphertextBlob.AssociatedData(header, Context), CiphertextBlob.AssociatedData(header, reordered));
        Assert.Equal(CiphertextBlob.AssociatedData(header, null), CiphertextBlob.AssociatedData(header, new Dictionary<string, string>()));
        Assert.NotEqual(CiphertextBlob.AssociatedData(header, Context),
            CiphertextBlob.AssociatedData(header, new Dictionary<string, string> { ["purpose"] = "test", ["Department"] = "1" }));
    }

    [Fact]
    public void decrypt_with_a_different_context_is_invalid_ciphertext()
    {
        using var key = new SymmetricKeyMaterial(Material);
        var blob = CiphertextBlob.Decode(key.Encrypt("hello"u8, KeyId, MaterialId, Context));
        ThrowsKms(KmsErrorCodes.InvalidCiphertextException, () => key.Decrypt(blob, null));
        ThrowsKms(KmsErrorCodes.InvalidCiphertextException,
            () => key.Decrypt(blob, new Dictionary<string, string>(Context) { ["extra"] = "x" }));
    }

    [Fact]
    public void decrypt_with_other_material_is_invalid_ciphertext()
    {
        using var key = new SymmetricKeyMaterial(Material);
        using var other = new SymmetricKeyMaterial(RandomNumberGenerator.GetBytes(32));
        var blob = CiphertextBlob.Decode(key.Encrypt("hello"u8, KeyId, MaterialId, null));
        ThrowsKms(KmsErrorCodes.InvalidCiphertextException, () => other.Decrypt(blob, null));
    }

    [Theory]
    [InlineData(0)]   // version
    [InlineData(5)]   // key ID
    [InlineData(50)]  // material ID
    [InlineData(80)]  // nonce
    [InlineData(95)]  // tag
    [InlineData(-1)]  // ciphertext
    public void any_flipped_bit_is_invalid_ciphertext(int index)
    {
        using var key = new SymmetricKeyMaterial(Material);
        var blob = key.Encrypt("hello"u8, KeyId, MaterialId, null);
        blob[index < 0 ? blob.Length + index : index] ^= 0x01;
        ThrowsKms(KmsErrorCodes.InvalidCiphertextException, () => key.Decrypt(CiphertextBlob.Decode(blob), null));
    }

    [Fact]
    public void truncated_blobs_are_invalid_ciphertext()
    {
        using var key = new SymmetricKeyMaterial(Material);
        var blob = key.Encrypt("hello"u8, KeyId, MaterialId, null);
        for (var length = 0; length < blob.Length; length++)
        {
            var truncated = blob[..length];
            var error = Assert.Throws<KmsException>(() => key.Decrypt(CiphertextBlob.Decode(truncated), null));
            Assert.Equal(KmsErrorCodes.InvalidCiphertextException, error.ErrorCode);
            Assert.Null(error.ErrorMessage); // AWS sends no message
        }
    }

    [Fact]
    public void malformed_blobs_do_not_decode()
    {
        Assert.False(CiphertextBlob.TryDecode([], out _));
        Assert.False(CiphertextBlob.TryDecode([0x02, 0x00, 0x01, (byte)'k'], out _));
        Assert.False(CiphertextBlob.TryDecode(new byte[CiphertextBlob.MaxLength + 1], out _));
        byte[] invalidUtf8 = [0x01, 0x00, 0x01, 0xFF, .. new byte[32 + 12 + 16]];
        Assert.False(CiphertextBlob.TryDecode(invalidUtf8, out _));
    }

    [Fact]
    public void largest_kms_plaintext_fits_in_a_blob()
    {
        using var key = new SymmetricKeyMaterial(Material);
        var blob = key.Encrypt(new byte[4096], KeyId, MaterialId, null);
        Assert.True(blob.Length <= CiphertextBlob.MaxLength);
        ThrowsKms(KmsErrorCodes.ValidationException,
            () => CiphertextBlob.Encode(CiphertextBlob.EncodeHeader(KeyId, MaterialId), new byte[12], new byte[16], new byte[6144]));
    }

    [Fact]
    public void china_material_of_16_bytes_encrypts_and_decrypts()
    {
        using var key = new SymmetricKeyMaterial(RandomNumberGenerator.GetBytes(16));
        var blob = CiphertextBlob.Decode(key.Encrypt("sm4"u8, KeyId, MaterialId, null));
        Assert.Equal("sm4"u8.ToArray(), key.Decrypt(blob, null));
    }
}
