using System.Security.Cryptography;
using KmsActors.Kms.Import;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Import;

public class ReadyWrappingKeysTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ValidTo = Now.AddHours(24);

    private static (RSA Rsa, byte[] Pkcs8) Key()
    {
        var rsa = RSA.Create(2048);
        return (rsa, rsa.ExportPkcs8PrivateKey());
    }

    [Fact]
    public void a_kept_key_is_taken_once_for_its_token()
    {
        using var ready = new ReadyWrappingKeys(4);
        var (rsa, pkcs8) = Key();
        var token = Guid.NewGuid();
        ready.Add(token, rsa, pkcs8, ValidTo, Now);

        Assert.Same(rsa, ready.Take(token, pkcs8, Now));
        Assert.Null(ready.Take(token, pkcs8, Now));
        Assert.Equal(0, ready.Count);
    }

    [Fact]
    public void a_key_is_not_given_for_a_token_carrying_another_private_key()
    {
        using var ready = new ReadyWrappingKeys(4);
        var (rsa, pkcs8) = Key();
        var token = Guid.NewGuid();
        ready.Add(token, rsa, pkcs8, ValidTo, Now);

        using var other = RSA.Create(2048);
        Assert.Null(ready.Take(token, other.ExportPkcs8PrivateKey(), Now));
        Assert.Null(ready.Take(token, pkcs8, Now)); // dropped, not kept for a second guess
    }

    [Fact]
    public void a_key_is_not_given_at_or_after_its_tokens_valid_to()
    {
        using var ready = new ReadyWrappingKeys(4);
        var (rsa, pkcs8) = Key();
        var token = Guid.NewGuid();
        ready.Add(token, rsa, pkcs8, ValidTo, Now);

        Assert.Null(ready.Take(token, pkcs8, ValidTo));
    }

    [Fact]
    public void the_oldest_key_is_dropped_when_the_cache_is_full()
    {
        using var ready = new ReadyWrappingKeys(2);
        var keys = Enumerable.Range(0, 3).Select(_ => (Token: Guid.NewGuid(), Key: Key())).ToList();
        foreach (var (token, (rsa, pkcs8)) in keys)
            ready.Add(token, rsa, pkcs8, ValidTo, Now);

        Assert.Equal(2, ready.Count);
        Assert.Null(ready.Take(keys[0].Token, keys[0].Key.Pkcs8, Now));
        Assert.Same(keys[2].Key.Rsa, ready.Take(keys[2].Token, keys[2].Key.Pkcs8, Now));
    }

    [Fact]
    public void expired_keys_are_dropped_when_a_new_one_is_kept()
    {
        using var ready = new ReadyWrappingKeys(4);
        var (old, oldPkcs8) = Key();
        ready.Add(Guid.NewGuid(), old, oldPkcs8, Now.AddHours(1), Now);
        var (rsa, pkcs8) = Key();
        ready.Add(Guid.NewGuid(), rsa, pkcs8, Now.AddHours(25), Now.AddHours(1));

        Assert.Equal(1, ready.Count);
    }

    [Fact]
    public void zero_capacity_keeps_nothing()
    {
        using var ready = new ReadyWrappingKeys(0);
        var (rsa, pkcs8) = Key();
        var token = Guid.NewGuid();
        ready.Add(token, rsa, pkcs8, ValidTo, Now);

        Assert.Null(ready.Take(token, pkcs8, Now));
    }

    [Fact]
    public void material_unwraps_with_the_ready_key_as_with_the_tokens_bytes()
    {
        var pair = WrappingKeyPair.Warm(WrappingKeyPair.Generate(WrappingKeySpec.RSA_2048));
        var material = RandomNumberGenerator.GetBytes(32);
        using var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(pair.PublicKeyDer, out _);
        var encrypted = publicKey.Encrypt(material, RSAEncryptionPadding.OaepSHA256);

        Assert.Equal(material, KeyMaterialUnwrapper.Unwrap(AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048, pair.PrivateKeyPkcs8, encrypted, pair.Rsa));
        Assert.Equal(material, KeyMaterialUnwrapper.Unwrap(AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048, pair.PrivateKeyPkcs8, encrypted));
    }

    [Fact]
    public void a_ready_key_of_another_size_than_the_tokens_spec_is_undecryptable()
    {
        var pair = WrappingKeyPair.Generate(WrappingKeySpec.RSA_2048);
        var error = Assert.Throws<KmsException>(() =>
            KeyMaterialUnwrapper.Unwrap(AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_3072, pair.PrivateKeyPkcs8, new byte[384], pair.Rsa));
        Assert.Equal(KmsErrorCodes.InvalidCiphertextException, error.ErrorCode);
    }
}
