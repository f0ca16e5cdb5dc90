using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Regions;

/// <summary>The names AWS refuses for an alias and what an alias may point at (docs/check-order.md).</summary>
public sealed class AliasNamingTests : RegionTestBase
{
    [Theory]
    [InlineData("alias/aws/s3")]
    [InlineData("alias/aws/my-own")]
    public async Task creating_an_alias_under_alias_aws_is_NotAuthorized_without_a_message(string name)
    {
        var keyId = await CreateKey();
        var error = await Refused(() => Engine.CreateAlias(new CreateAliasRequest { AliasName = name, TargetKeyId = keyId }));
        Assert.Equal((KmsErrorCodes.NotAuthorizedException, (string?)null), (error.ErrorCode, error.ErrorMessage));
        Assert.Empty((await Engine.ListAliases(new ListAliasesRequest())).Aliases!);
    }

    [Fact]
    public async Task updating_or_deleting_an_alias_under_alias_aws_is_NotAuthorized()
    {
        var keyId = await CreateKey();
        var update = await Refused(() => Engine.UpdateAlias(new UpdateAliasRequest { AliasName = "alias/aws/ebs", TargetKeyId = keyId }));
        var delete = await Refused(() => Engine.DeleteAlias(new DeleteAliasRequest { AliasName = "alias/aws/ebs" }));
        Assert.Equal((KmsErrorCodes.NotAuthorizedException, (string?)null), (update.ErrorCode, update.ErrorMessage));
        Assert.Equal((KmsErrorCodes.NotAuthorizedException, (string?)null), (delete.ErrorCode, delete.ErrorMessage));
    }

    [Fact]
    public async Task a_colon_in_a_new_alias_name_is_ValidationException_though_the_pattern_admits_it()
    {
        var keyId = await CreateKey();
        var create = await Refused(() => Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/my:alias", TargetKeyId = keyId }));
        var update = await Refused(() => Engine.UpdateAlias(new UpdateAliasRequest { AliasName = "alias/my:alias", TargetKeyId = keyId }));
        Assert.Equal((KmsErrorCodes.ValidationException, "alias/my:alias contains invalid characters for an alias"), (create.ErrorCode, create.Message));
        Assert.Equal((KmsErrorCodes.ValidationException, "alias/my:alias contains invalid characters for an alias"), (update.ErrorCode, update.Message));
        Assert.Empty((await Engine.ListAliases(new ListAliasesRequest())).Aliases!);
    }

    [Theory]
    [InlineData("alias/my-alias_/")]
    [InlineData("alias/My_Alias-2/x")]
    public async Task letters_digits_slash_underscore_and_dash_are_accepted(string name)
    {
        var keyId = await CreateKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = name, TargetKeyId = keyId });
        Assert.Equal(name, Assert.Single((await Engine.ListAliases(new ListAliasesRequest())).Aliases!).AliasName);
    }

    [Fact]
    public async Task a_target_that_names_an_alias_is_ValidationException_before_the_name_is_found_taken()
    {
        var keyId = await CreateKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = keyId });

        // The alias name is taken, yet the alias-shaped target is what AWS answers.
        var byName = await Refused(() => Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = "alias/app" }));
        var byArn = await Refused(() => Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = AliasArn("alias/app") }));
        Assert.Equal((KmsErrorCodes.ValidationException, "Aliases must refer to keys. Not aliases"), (byName.ErrorCode, byName.Message));
        Assert.Equal((KmsErrorCodes.ValidationException, "Aliases must refer to keys. Not aliases"), (byArn.ErrorCode, byArn.Message));
    }

    [Fact]
    public async Task updating_an_alias_to_point_at_an_alias_is_ValidationException_and_leaves_it_unchanged()
    {
        var keyId = await CreateKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = keyId });

        var error = await Refused(() => Engine.UpdateAlias(new UpdateAliasRequest { AliasName = "alias/app", TargetKeyId = "alias/app" }));

        Assert.Equal((KmsErrorCodes.ValidationException, "Aliases must refer to keys. Not aliases"), (error.ErrorCode, error.Message));
        Assert.Equal(keyId, Assert.Single((await Engine.ListAliases(new ListAliasesRequest())).Aliases!).TargetKeyId);
    }
}
