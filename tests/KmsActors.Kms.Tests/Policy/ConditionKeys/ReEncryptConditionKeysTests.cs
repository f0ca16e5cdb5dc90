using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using static KmsActors.Kms.Tests.Policy.ConditionKeys.ContextFixture;

namespace KmsActors.Kms.Tests.Policy.ConditionKeys;

/// <summary>ReEncrypt's two authorizations, ReEncryptFrom on the source key and ReEncryptTo on the destination key.</summary>
public sealed class ReEncryptConditionKeysTests
{
    private const string OtherKeyArn = "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";

    private static readonly ReEncryptRequest Request = new()
    {
        SourceEncryptionContext = new Dictionary<string, string> { ["purpose"] = "legacy" },
        DestinationEncryptionContext = new Dictionary<string, string> { ["purpose"] = "migration", ["batch"] = "7" },
        SourceEncryptionAlgorithm = EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1,
    };

    [Fact]
    public void reencrypt_from_sees_the_source_encryption_context_and_algorithm()
    {
        var context = Build("ReEncryptFrom", Request, Key());

        Assert.Equal("legacy", context.Value("kms:EncryptionContext:purpose"));
        Assert.Equal(["purpose"], context.Values("kms:EncryptionContextKeys"));
        Assert.Equal("RSAES_OAEP_SHA_1", context.Value("kms:EncryptionAlgorithm"));
    }

    [Fact]
    public void reencrypt_to_sees_the_destination_encryption_context_and_algorithm()
    {
        var context = Build("kms:ReEncryptTo", Request, Key());

        Assert.Equal("migration", context.Value("kms:EncryptionContext:purpose"));
        Assert.Equal(["batch", "purpose"], context.Values("kms:EncryptionContextKeys"));
        Assert.Equal("SYMMETRIC_DEFAULT", context.Value("kms:EncryptionAlgorithm"));
    }

    [Fact]
    public void reencrypting_under_the_same_key_is_on_the_same_key()
    {
        var context = KmsConditionKeys.Build(Call("ReEncryptTo", Request, Key()) with { ReEncryptPeerKeyArn = KeyArn });

        Assert.Equal("true", context.Value("kms:ReEncryptOnSameKey"));
    }

    [Fact]
    public void reencrypting_under_another_key_is_not_on_the_same_key()
    {
        var context = KmsConditionKeys.Build(Call("ReEncryptFrom", Request, Key()) with { ReEncryptPeerKeyArn = OtherKeyArn });

        Assert.Equal("false", context.Value("kms:ReEncryptOnSameKey"));
    }

    [Fact]
    public void without_the_other_key_reencrypt_on_same_key_is_absent()
    {
        Assert.False(Build("ReEncryptFrom", Request, Key()).Has("kms:ReEncryptOnSameKey"));
    }

    [Fact]
    public void reencrypt_on_same_key_does_not_apply_to_decrypt()
    {
        var context = KmsConditionKeys.Build(Call("Decrypt", Request, Key()) with { ReEncryptPeerKeyArn = KeyArn });

        Assert.False(context.Has("kms:ReEncryptOnSameKey"));
    }
}
