using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Realism;

/// <summary>kms.realism.eventual-consistency: a new key may not be found for a short while, as AWS documents.</summary>
public sealed class EventualConsistencyTests() : RealismTestBase("kms.realism.eventual-consistency { enabled = on, window = 2s }")
{
    [Fact]
    public async Task a_key_just_created_is_not_found_until_the_window_has_passed()
    {
        var keyId = await NewKey();

        var early = await Refused(() => Engine.DescribeKey(new DescribeKeyRequest { KeyId = keyId }));
        await Clock.AdvanceAsync(TimeSpan.FromSeconds(2));
        var described = await Engine.DescribeKey(new DescribeKeyRequest { KeyId = keyId });

        Assert.Equal((KmsErrorCodes.NotFoundException, $"Key 'arn:aws:kms:us-east-1:111122223333:key/{keyId}' does not exist"), (early.ErrorCode, early.Message));
        Assert.Equal(KeyState.Enabled, described.KeyMetadata!.KeyState);
    }

    [Fact]
    public async Task a_key_named_by_its_arn_is_affected_too()
    {
        var keyId = await NewKey();

        var early = await Refused(() => Engine.Encrypt(new EncryptRequest { KeyId = $"arn:aws:kms:us-east-1:111122223333:key/{keyId}", Plaintext = [1] }));

        Assert.Equal(KmsErrorCodes.NotFoundException, early.ErrorCode);
    }
}
