using System.Security.Cryptography;
using KmsActors.Kms.Import;
using KmsActors.Kms.Model;
using KmsActors.Kms.Tests.Crypto;
using static KmsActors.Kms.Tests.Crypto.Assertions;

namespace KmsActors.Kms.Tests.Import;

public class ImportTokenSealerTests
{
    private const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string OtherKeyArn = "arn:aws:kms:us-east-1:111122223333:key/ffffffff-12ab-34cd-56ef-1234567890ab";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly ImportTokenSealer _sealer = new(RandomNumberGenerator.GetBytes(32));

    private static ImportToken Token(WrappingKeySpec spec = WrappingKeySpec.RSA_2048) =>
        ImportToken.Issue(KeyArn, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, TestKeys.Wrapping(spec), Now);

    [Fact]
    public void sealed_token_opens_to_the_same_fields()
    {
        var token = Token();
        var opened = _sealer.Open(_sealer.Seal(token), KeyArn, Now.AddHours(1));

        Assert.Equal(token.TokenId, opened.TokenId);
        Assert.Equal(KeyArn, opened.KeyArn);
        Assert.Equal(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, opened.WrappingAlgorithm);
        Assert.Equal(WrappingKeySpec.RSA_2048, opened.WrappingKeySpec);
        Assert.Equal(Now, opened.IssuedAt);
        Assert.Equal(Now.AddHours(24), opened.ValidTo);
        Assert.Equal(token.WrappingPrivateKey, opened.WrappingPrivateKey);
    }

    [Fact]
    public void sealing_twice_gives_different_bytes()
    {
        var token = Token();
        Assert.NotEqual(_sealer.Seal(token), _sealer.Seal(token));
    }

    [Fact]
    public void any_flipped_bit_makes_the_token_invalid()
    {
        var sealedToken = _sealer.Seal(Token());
        foreach (var index in new[] { 0, 1, 13, 29, 100, sealedToken.Length - 1 })
        {
            var tampered = sealedToken.ToArray();
            tampered[index] ^= 0x01;
            var error = ThrowsKms(KmsErrorCodes.InvalidImportTokenException, () => _sealer.Open(tampered, KeyArn, Now));
            Assert.Equal("The import token is invalid or was issued for another KMS key.", error.Message);
        }
    }

    [Fact]
    public void truncated_or_garbage_tokens_are_invalid()
    {
        var sealedToken = _sealer.Seal(Token());
        ThrowsKms(KmsErrorCodes.InvalidImportTokenException, () => _sealer.Open(sealedToken[..^1], KeyArn, Now));
        ThrowsKms(KmsErrorCodes.InvalidImportTokenException, () => _sealer.Open(sealedToken[..40], KeyArn, Now));
        ThrowsKms(KmsErrorCodes.InvalidImportTokenException, () => _sealer.Open([], KeyArn, Now));
        ThrowsKms(KmsErrorCodes.InvalidImportTokenException, () => _sealer.Open(RandomNumberGenerator.GetBytes(600), KeyArn, Now));
    }

    [Fact]
    public void token_of_another_key_is_invalid()
    {
        var sealedToken = _sealer.Seal(Token());
        ThrowsKms(KmsErrorCodes.InvalidImportTokenException, () => _sealer.Open(sealedToken, OtherKeyArn, Now));
    }

    [Fact]
    public void token_sealed_under_another_engine_key_is_invalid()
    {
        var sealedToken = new ImportTokenSealer(RandomNumberGenerator.GetBytes(32)).Seal(Token());
        ThrowsKms(KmsErrorCodes.InvalidImportTokenException, () => _sealer.Open(sealedToken, KeyArn, Now));
    }

    [Fact]
    public void token_is_expired_from_its_valid_to_on()
    {
        var sealedToken = _sealer.Seal(Token());
        Assert.Equal(KeyArn, _sealer.Open(sealedToken, KeyArn, Now.AddHours(24).AddTicks(-1)).KeyArn);
        var error = ThrowsKms(KmsErrorCodes.ExpiredImportTokenException, () => _sealer.Open(sealedToken, KeyArn, Now.AddHours(24)));
        Assert.StartsWith("The import token expired at 2026-11-23T10:00:00Z.", error.Message);
        ThrowsKms(KmsErrorCodes.ExpiredImportTokenException, () => _sealer.Open(sealedToken, KeyArn, Now.AddDays(400)));
    }

    [Fact]
    public void token_with_an_rsa_4096_private_key_fits_the_aws_size_limit()
    {
        var sealedToken = _sealer.Seal(Token(WrappingKeySpec.RSA_4096));
        Assert.True(sealedToken.Length <= 6144, $"sealed token is {sealedToken.Length} bytes");
        Assert.Equal(WrappingKeySpec.RSA_4096, _sealer.Open(sealedToken, KeyArn, Now).WrappingKeySpec);
    }

    [Fact]
    public void token_key_must_be_32_bytes() =>
        Assert.Throws<ArgumentException>(() => new ImportTokenSealer(new byte[16]));
}
