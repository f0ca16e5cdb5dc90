using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Regions;

public sealed class KeyRoutingTests : RegionTestBase
{
    [Fact]
    public async Task a_call_by_key_id_reaches_that_key()
    {
        var keyId = await CreateKey();
        var handled = await Call(new EncryptRequest { KeyId = keyId, Plaintext = [1] });
        Assert.Equal((keyId, "Encrypt"), (handled.KeyId, handled.Operation));
    }

    [Fact]
    public async Task a_call_by_key_arn_reaches_that_key()
    {
        var keyId = await CreateKey();
        var handled = await Call(new DescribeKeyRequest { KeyId = KeyArn(keyId) });
        Assert.Equal(keyId, handled.KeyId);
    }

    [Fact]
    public async Task a_call_by_alias_name_or_alias_arn_reaches_the_target_key()
    {
        var keyId = await CreateKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = keyId });

        Assert.Equal(keyId, (await Call(new DescribeKeyRequest { KeyId = "alias/app" })).KeyId);
        Assert.Equal(keyId, (await Call(new DescribeKeyRequest { KeyId = AliasArn("alias/app") })).KeyId);
    }

    [Fact]
    public async Task the_command_reaches_the_key_unchanged_so_it_can_answer_the_caller()
    {
        var keyId = await CreateKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = keyId });
        var request = new EncryptRequest { KeyId = "alias/app", Plaintext = [1, 2] };
        Assert.Same(request, (await Call(request)).Request);
    }

    public static TheoryData<Func<string, object>> ImportOperations => new()
    {
        id => new GetParametersForImportRequest { KeyId = id, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048 },
        id => new ImportKeyMaterialRequest { KeyId = id, ImportToken = [1], EncryptedKeyMaterial = [1] },
        id => new DeleteImportedKeyMaterialRequest { KeyId = id },
    };

    [Theory]
    [MemberData(nameof(ImportOperations))]
    public async Task import_operations_refuse_an_alias_name_and_an_alias_arn(Func<string, object> request)
    {
        var keyId = await CreateKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/byok", TargetKeyId = keyId });

        var byName = await Refused(() => Call(request("alias/byok")));
        Assert.Equal((KmsErrorCodes.NotFoundException, "Invalid keyId 'alias/byok'"), (byName.ErrorCode, byName.Message));
        var byArn = await Refused(() => Call(request(AliasArn("alias/byok"))));
        Assert.Equal((KmsErrorCodes.NotFoundException, $"Invalid keyId '{AliasArn("alias/byok")}'"), (byArn.ErrorCode, byArn.Message));
        Assert.Equal(keyId, (await Call(request(KeyArn(keyId)))).KeyId);
    }

    [Theory]
    [InlineData("arn:aws:kms:us-east-1:111122223333:keys/abc")]
    [InlineData("arn:aws:kms:us-east-1:1111:key/abc")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("arn:aws-cn:kms:us-east-1:111122223333:key/abc")]
    public async Task a_malformed_arn_is_NotFound_invalid_arn_as_aws_answers(string arn)
    {
        var error = await Refused(() => Call(new DescribeKeyRequest { KeyId = arn }));
        Assert.Equal((KmsErrorCodes.NotFoundException, "Invalid arn"), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task a_key_arn_of_another_region_is_NotFound_invalid_arn_region_and_of_another_account_does_not_exist()
    {
        var keyId = await CreateKey();
        var otherRegion = KeyArn(keyId, region: "eu-west-1");
        var otherAccount = KeyArn(keyId, account: "444455556666");

        var error = await Refused(() => Call(new DescribeKeyRequest { KeyId = otherRegion }));
        Assert.Equal((KmsErrorCodes.NotFoundException, "Invalid arn eu-west-1"), (error.ErrorCode, error.Message));
        error = await Refused(() => Call(new DescribeKeyRequest { KeyId = otherAccount }));
        Assert.Equal((KmsErrorCodes.NotFoundException, $"Key '{otherAccount}' does not exist"), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task an_unknown_key_id_is_NotFound_naming_its_arn()
    {
        var unknown = Guid.NewGuid().ToString();
        var error = await Refused(() => Call(new DescribeKeyRequest { KeyId = unknown }));
        Assert.Equal((KmsErrorCodes.NotFoundException, $"Key '{KeyArn(unknown)}' does not exist"), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task a_string_that_is_no_key_id_is_NotFound_invalid_keyId()
    {
        var error = await Refused(() => Call(new DescribeKeyRequest { KeyId = "not-a-key" }));
        Assert.Equal((KmsErrorCodes.NotFoundException, "Invalid keyId 'not-a-key'"), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task an_unknown_alias_is_NotFound_naming_the_alias_arn()
    {
        var error = await Refused(() => Call(new DescribeKeyRequest { KeyId = "alias/none" }));
        Assert.Equal((KmsErrorCodes.NotFoundException, $"Alias {AliasArn("alias/none")} is not found."), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task a_missing_key_id_is_ValidationException()
    {
        var error = await Refused(() => Call(new DescribeKeyRequest()));
        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        Assert.Contains("'keyId'", error.Message);
    }

    [Fact]
    public async Task a_multi_region_key_gets_an_mrk_id_and_a_single_region_key_a_uuid()
    {
        var multi = await CreateKey(multiRegion: true);
        var single = await CreateKey();
        Assert.Matches("^mrk-[0-9a-f]{32}$", multi);
        Assert.True(Guid.TryParseExact(single, "D", out _));
    }

    [Fact]
    public async Task a_refused_creation_leaves_no_key_behind()
    {
        var error = await Refused(() => Engine.CreateKey(new CreateKeyRequest { Description = "refuse" }));
        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        await Engine.Settle();
        Assert.Empty((await Engine.ListKeys(new ListKeysRequest())).Keys!);
    }

    [Fact]
    public async Task keys_live_in_their_own_region()
    {
        var east = await CreateKey();
        var west = await CreateKey(region: "us-west-2");

        Assert.Equal(west, (await Call(new DescribeKeyRequest { KeyId = west }, region: "us-west-2")).KeyId);
        var error = await Refused(() => Call(new DescribeKeyRequest { KeyId = west }));
        Assert.Equal($"Key '{KeyArn(west)}' does not exist", error.Message);
        Assert.Equal([east], (await Engine.ListKeys(new ListKeysRequest())).Keys!.Select(k => k.KeyId));
    }

    [Fact]
    public async Task an_operation_without_a_key_that_the_region_does_not_serve_is_UnsupportedOperation()
    {
        var error = await Refused(() => Call(new DescribeCustomKeyStoresRequest()));
        Assert.Equal(KmsErrorCodes.UnsupportedOperationException, error.ErrorCode);
    }

    public static TheoryData<string> KeyIdOrArnOnlyOperations => new() { "EnableKeyRotation", "PutKeyPolicy", "TagResource", "GetKeyPolicy", "ScheduleKeyDeletion" };

    [Theory]
    [MemberData(nameof(KeyIdOrArnOnlyOperations))]
    public async Task operations_whose_api_reference_names_only_key_id_and_key_arn_refuse_an_alias(string operation)
    {
        var keyId = await CreateKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/only-ids", TargetKeyId = keyId });
        Assert.Equal(KeyIdForms.KeyId | KeyIdForms.KeyArn, KmsCatalogue.KeyIdFormsOf(operation, "KeyId"));

        object Request(string id) => operation switch
        {
            "EnableKeyRotation" => new EnableKeyRotationRequest { KeyId = id },
            "PutKeyPolicy" => new PutKeyPolicyRequest { KeyId = id, Policy = "{}" },
            "TagResource" => new TagResourceRequest { KeyId = id, Tags = [new Tag { TagKey = "a", TagValue = "b" }] },
            "GetKeyPolicy" => new GetKeyPolicyRequest { KeyId = id },
            _ => new ScheduleKeyDeletionRequest { KeyId = id },
        };
        var byName = await Refused(() => Call(Request("alias/only-ids")));
        Assert.Equal((KmsErrorCodes.NotFoundException, "Invalid keyId 'alias/only-ids'"), (byName.ErrorCode, byName.Message));
        var byArn = await Refused(() => Call(Request(AliasArn("alias/only-ids"))));
        Assert.Equal((KmsErrorCodes.NotFoundException, $"Invalid keyId '{AliasArn("alias/only-ids")}'"), (byArn.ErrorCode, byArn.Message));
        Assert.Equal(keyId, (await Call(Request(KeyArn(keyId)))).KeyId);
    }

    [Fact]
    public async Task operations_whose_api_reference_names_all_four_forms_accept_an_alias_name_and_alias_arn()
    {
        var keyId = await CreateKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/all-forms", TargetKeyId = keyId });
        Assert.Equal(KeyIdForms.Any, KmsCatalogue.KeyIdFormsOf("GenerateMac", "KeyId"));
        Assert.Equal(keyId, (await Call(new GenerateMacRequest { KeyId = "alias/all-forms", Message = [1], MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 })).KeyId);
        Assert.Equal(keyId, (await Call(new SignRequest { KeyId = AliasArn("alias/all-forms"), Message = [1], SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 })).KeyId);
    }
}
