using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Regions;

/// <summary>An alias operation asks its keys' actors whether their key policies allow it, and holds the calls behind
/// it meanwhile; a key that never answers must not hold the region.</summary>
public sealed class AliasKeyAuthorizationTests : RegionTestBase
{
    [Fact]
    public async Task an_alias_operation_whose_key_is_gone_is_not_found_and_the_calls_behind_it_are_answered()
    {
        var keyId = await CreateKey("vanish");

        var create = Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/gone", TargetKeyId = keyId });
        var list = Engine.ListAliases(new ListAliasesRequest());

        var refused = await Refused(() => create);
        Assert.Equal((KmsErrorCodes.NotFoundException, $"Key '{KeyArn(keyId)}' does not exist"), (refused.ErrorCode, refused.Message));
        Assert.DoesNotContain((await list).Aliases!, alias => alias.AliasName == "alias/gone");
    }

    [Fact]
    public async Task a_call_sent_right_behind_an_alias_operation_sees_the_alias()
    {
        var keyId = await CreateKey();

        var create = Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/next", TargetKeyId = keyId });
        var call = Call(new DescribeKeyRequest { KeyId = "alias/next" });

        await create;
        Assert.Equal(keyId, (await call).KeyId);
    }
}
