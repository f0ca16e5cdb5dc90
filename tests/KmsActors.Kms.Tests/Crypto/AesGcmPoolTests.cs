using System.Security.Cryptography;
using KmsActors.Kms.Crypto;

namespace KmsActors.Kms.Tests.Crypto;

public sealed class AesGcmPoolTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void a_returned_object_is_rented_again_and_still_seals_under_the_pool_key()
    {
        using var pool = new AesGcmPool(Key, 16);
        var first = pool.Rent();
        pool.Return(first);
        var again = pool.Rent();
        Assert.Same(first, again);

        var nonce = new byte[12];
        var ciphertext = new byte[5];
        var tag = new byte[16];
        again.Encrypt(nonce, "hello"u8, ciphertext, tag);
        pool.Return(again);
        var plaintext = new byte[5];
        using var fresh = new AesGcm(Key, 16);
        fresh.Decrypt(nonce, ciphertext, tag, plaintext);
        Assert.Equal("hello"u8.ToArray(), plaintext);
    }

    [Fact]
    public void an_object_returned_after_a_failed_decryption_opens_the_next_value()
    {
        using var pool = new AesGcmPool(Key, 16);
        var nonce = new byte[12];
        var ciphertext = new byte[5];
        var tag = new byte[16];
        using (var fresh = new AesGcm(Key, 16))
            fresh.Encrypt(nonce, "hello"u8, ciphertext, tag);

        var aes = pool.Rent();
        var tampered = (byte[])tag.Clone();
        tampered[0] ^= 1;
        Assert.Throws<AuthenticationTagMismatchException>(() => aes.Decrypt(nonce, ciphertext, tampered, new byte[5]));
        pool.Return(aes);

        var reused = pool.Rent();
        Assert.Same(aes, reused);
        var plaintext = new byte[5];
        reused.Decrypt(nonce, ciphertext, tag, plaintext);
        Assert.Equal("hello"u8.ToArray(), plaintext);
    }

    [Fact]
    public void a_disposed_pool_refuses_to_rent()
    {
        var pool = new AesGcmPool(Key, 16);
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
    }
}
