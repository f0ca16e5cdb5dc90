using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Regions;

public sealed class AliasTests : RegionTestBase
{
    [Fact]
    public async Task a_created_alias_is_listed_with_its_arn_target_and_dates()
    {
        var keyId = await CreateKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = KeyArn(keyId) });

        var alias = Assert.Single((await Engine.ListAliases(new ListAliasesRequest())).Aliases!);
        Assert.Equal(("alias/app", AliasArn("alias/app"), keyId), (alias.AliasName, alias.AliasArn, alias.TargetKeyId));
        Assert.Equal(Scheduler.Now, alias.CreationDate);
        Assert.Equal(Scheduler.Now, alias.LastUpdatedDate);
    }

    [Fact]
    public async Task an_alias_without_the_prefix_is_ValidationException_with_the_aws_message()
    {
        var keyId = await CreateKey();
        var error = await Refused(() => Engine.CreateAlias(new CreateAliasRequest { AliasName = "app", TargetKeyId = keyId }));
        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        Assert.Equal("Alias must start with the prefix \"alias/\". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html", error.Message);
    }

    [Theory]
    [InlineData("alias/with space")]
    [InlineData("alias/ümlaut")]
    [InlineData("alias/my-alias$")]
    public async Task an_alias_with_characters_outside_the_pattern_is_ValidationException_naming_the_pattern(string name)
    {
        var keyId = await CreateKey();
        var error = await Refused(() => Engine.CreateAlias(new CreateAliasRequest { AliasName = name, TargetKeyId = keyId }));
        Assert.Equal((KmsErrorCodes.ValidationException,
                $"1 validation error detected: Value '{name}' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$"),
            (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task the_bare_prefix_is_InvalidAliasName()
    {
        var keyId = await CreateKey();
        var error = await Refused(() => Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/", TargetKeyId = keyId }));
        Assert.Equal(KmsErrorCodes.InvalidAliasNameException, error.ErrorCode);
    }

    [Fact]
    public async Task an_alias_of_256_characters_is_accepted_and_of_257_is_ValidationException()
    {
        var keyId = await CreateKey();
        var longest = "alias/" + new string('a', 250);
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = longest, TargetKeyId = keyId });
        var error = await Refused(() => Engine.CreateAlias(new CreateAliasRequest { AliasName = longest + "a", TargetKeyId = keyId }));
        Assert.Equal((KmsErrorCodes.ValidationException,
                $"1 validation error detected: Value '{longest}a' at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to 256"),
            (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task an_existing_alias_is_AlreadyExists_naming_its_arn()
    {
        var keyId = await CreateKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = keyId });
        var error = await Refused(() => Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = keyId }));
        Assert.Equal((KmsErrorCodes.AlreadyExistsException, $"An alias with the name {AliasArn("alias/app")} already exists"), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task an_alias_to_an_unknown_key_is_NotFound()
    {
        var unknown = Guid.NewGuid().ToString();
        var error = await Refused(() => Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = unknown }));
        Assert.Equal((KmsErrorCodes.NotFoundException, $"Key '{KeyArn(unknown)}' does not exist"), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task an_alias_to_a_key_pending_deletion_is_KMSInvalidState()
    {
        var keyId = await CreateKey();
        await Call(new ScheduleKeyDeletionRequest { KeyId = keyId, PendingWindowInDays = 7 });
        await Engine.Settle();
        var error = await Refused(() => Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = keyId }));
        Assert.Equal((KmsErrorCodes.KMSInvalidStateException, $"{KeyArn(keyId)} is pending deletion."), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task update_alias_moves_it_and_keeps_its_creation_date()
    {
        var first = await CreateKey();
        var second = await CreateKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = first });
        var created = Scheduler.Now;
        Scheduler.Advance(TimeSpan.FromHours(1));

        await Engine.UpdateAlias(new UpdateAliasRequest { AliasName = "alias/app", TargetKeyId = second });

        var alias = Assert.Single((await Engine.ListAliases(new ListAliasesRequest())).Aliases!);
        Assert.Equal((second, created, created.AddHours(1)), (alias.TargetKeyId, alias.CreationDate!.Value, alias.LastUpdatedDate!.Value));
        Assert.Equal(second, (await Call(new DescribeKeyRequest { KeyId = "alias/app" })).KeyId);
    }

    [Fact]
    public async Task update_alias_to_a_key_of_another_type_or_usage_is_ValidationException()
    {
        var symmetric = await CreateKey();
        var signing = await CreateKey(spec: KeySpec.ECC_NIST_P256, usage: KeyUsageType.SIGN_VERIFY);
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = symmetric });

        var error = await Refused(() => Engine.UpdateAlias(new UpdateAliasRequest { AliasName = "alias/app", TargetKeyId = signing }));
        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        Assert.Contains("same type and usage", error.Message);
    }

    [Fact]
    public async Task update_or_delete_of_an_unknown_alias_is_NotFound()
    {
        var keyId = await CreateKey();
        var update = await Refused(() => Engine.UpdateAlias(new UpdateAliasRequest { AliasName = "alias/none", TargetKeyId = keyId }));
        var delete = await Refused(() => Engine.DeleteAlias(new DeleteAliasRequest { AliasName = "alias/none" }));
        Assert.Equal($"Alias {AliasArn("alias/none")} is not found.", update.Message);
        Assert.Equal((KmsErrorCodes.NotFoundException, update.Message), (delete.ErrorCode, delete.Message));
    }

    [Fact]
    public async Task a_deleted_alias_no_longer_routes()
    {
        var keyId = await CreateKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = keyId });
        await Engine.DeleteAlias(new DeleteAliasRequest { AliasName = "alias/app" });

        Assert.Empty((await Engine.ListAliases(new ListAliasesRequest())).Aliases!);
        var error = await Refused(() => Call(new DescribeKeyRequest { KeyId = "alias/app" }));
        Assert.Equal(KmsErrorCodes.NotFoundException, error.ErrorCode);
    }
}
