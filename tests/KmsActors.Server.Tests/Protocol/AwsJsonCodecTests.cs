using System.Text;
using System.Text.Json;
using KmsActors.Kms.Model;
using KmsActors.Server.Protocol;

namespace KmsActors.Server.Tests.Protocol;

public sealed class AwsJsonCodecTests
{
    private static string Write<T>(T response) => Encoding.UTF8.GetString(AwsJsonCodec.WriteResponse(typeof(T), response));

    private static T Read<T>(string json) => (T)AwsJsonCodec.ReadRequest(typeof(T), Encoding.UTF8.GetBytes(json));

    private static KmsException ReadFails<T>(string json) => Assert.Throws<KmsException>(() => Read<T>(json));

    [Fact]
    public void timestamps_are_written_as_epoch_seconds_with_milliseconds_only_when_present()
    {
        var json = Write(new GetParametersForImportResponse
        {
            ParametersValidTo = DateTimeOffset.FromUnixTimeMilliseconds(1568290320000),
        });
        Assert.Equal("""{"ParametersValidTo":1568290320}""", json);

        json = Write(new DescribeKeyResponse { KeyMetadata = new KeyMetadata { CreationDate = DateTimeOffset.FromUnixTimeMilliseconds(1470811233761) } });
        Assert.Equal("""{"KeyMetadata":{"CreationDate":1470811233.761}}""", json);
    }

    [Theory]
    [InlineData("1700000000", 1700000000000)]
    [InlineData("1700000000.5", 1700000000500)]
    [InlineData("\"2023-11-14T22:13:20Z\"", 1700000000000)]
    [InlineData("\"2023-11-14T23:13:20.250+01:00\"", 1700000000250)]
    public void timestamps_are_read_from_epoch_numbers_or_iso_8601_strings(string value, long expectedMilliseconds)
    {
        var request = Read<ImportKeyMaterialRequest>($$"""{"ValidTo":{{value}}}""");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMilliseconds), request.ValidTo);
    }

    [Fact]
    public void blobs_travel_as_base64_both_ways()
    {
        var request = Read<EncryptRequest>("""{"KeyId":"alias/a","Plaintext":"AAEC/w=="}""");
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, request.Plaintext);

        Assert.Equal("""{"CiphertextBlob":"AAEC/w==","KeyId":"k"}""", Write(new EncryptResponse { CiphertextBlob = [0, 1, 2, 255], KeyId = "k" }));
    }

    [Fact]
    public void null_members_are_omitted_and_enums_are_their_aws_values()
    {
        var json = Write(new KeyMetadata
        {
            KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab",
            KeyState = KeyState.PendingImport,
            Origin = OriginType.EXTERNAL,
            EncryptionAlgorithms = [EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT],
        });
        Assert.Equal("""{"KeyId":"1234abcd-12ab-34cd-56ef-1234567890ab","KeyState":"PendingImport","Origin":"EXTERNAL","EncryptionAlgorithms":["SYMMETRIC_DEFAULT"]}""", json);
    }

    [Fact]
    public void requests_are_read_with_model_member_names_enums_lists_and_maps()
    {
        var request = Read<CreateKeyRequest>("""
            {"KeyUsage":"ENCRYPT_DECRYPT","Origin":"EXTERNAL","MultiRegion":true,"Tags":[{"TagKey":"team","TagValue":"pay"}]}
            """);
        Assert.Equal(KeyUsageType.ENCRYPT_DECRYPT, request.KeyUsage);
        Assert.Equal(OriginType.EXTERNAL, request.Origin);
        Assert.True(request.MultiRegion);
        Assert.Equal(new Tag { TagKey = "team", TagValue = "pay" }, Assert.Single(request.Tags!));

        var encrypt = Read<EncryptRequest>("""{"KeyId":"k","EncryptionContext":{"purpose":"test"}}""");
        Assert.Equal("test", encrypt.EncryptionContext!["purpose"]);
    }

    [Fact]
    public void unknown_members_are_ignored_as_aws_does()
    {
        var request = Read<DescribeKeyRequest>("""{"KeyId":"k","SomethingNew":{"deep":[1,2]},"Other":3}""");
        Assert.Equal("k", request.KeyId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("{}")]
    [InlineData("null")]
    public void an_empty_body_is_an_empty_request(string body) =>
        Assert.Equal(new ListKeysRequest(), Read<ListKeysRequest>(body));

    [Fact]
    public void operations_without_output_answer_an_empty_object() =>
        Assert.Equal("{}", Encoding.UTF8.GetString(AwsJsonCodec.WriteResponse(null, null)));

    [Fact]
    public void an_unknown_enum_value_is_a_validation_exception_in_aws_words()
    {
        var error = ReadFails<CreateKeyRequest>("""{"KeyUsage":"ENCRYPT"}""");
        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        Assert.Equal("1 validation error detected: Value 'ENCRYPT' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [SIGN_VERIFY, ENCRYPT_DECRYPT, GENERATE_VERIFY_MAC, KEY_AGREEMENT]", error.Message);
    }

    [Fact]
    public void a_nested_member_path_uses_aws_list_notation()
    {
        var error = ReadFails<CreateGrantRequest>("""{"KeyId":"k","Operations":["Encrypt","Fly"]}""");
        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        Assert.Contains("Value 'Fly' at 'operations.2.member'", error.Message);

        error = ReadFails<CreateKeyRequest>("""{"Tags":[{"TagKey":5}]}""");
        Assert.Equal("SerializationException", error.ErrorCode);
        Assert.Equal("Value at 'tags.1.member.tagKey' can not be read: expected a string.", error.Message);
    }

    [Theory]
    [InlineData("""{"NumberOfBytes":"32"}""", "Value at 'numberOfBytes' can not be read: expected an integer.")]
    [InlineData("""{"NumberOfBytes":3.5}""", "Value at 'numberOfBytes' can not be read: expected an integer.")]
    [InlineData("""{"DryRun":"yes"}""", "Value at 'dryRun' can not be read: expected a boolean.")]
    [InlineData("""{"KeySpec":1}""", "Value at 'keySpec' can not be read: expected a string.")]
    [InlineData("""{"EncryptionContext":[]}""", "Value at 'encryptionContext' can not be read: expected a JSON object (map).")]
    [InlineData("[]", "The request body must be a JSON object.")]
    public void a_value_of_the_wrong_type_is_a_serialization_exception_naming_the_member(string body, string message)
    {
        var error = ReadFails<GenerateDataKeyRequest>(body);
        Assert.Equal("SerializationException", error.ErrorCode);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void bad_base64_is_a_serialization_exception_naming_the_member()
    {
        var error = ReadFails<EncryptRequest>("""{"Plaintext":"not base64!"}""");
        Assert.Equal("SerializationException", error.ErrorCode);
        Assert.Equal("Value at 'plaintext' can not be read: expected base64-encoded binary data.", error.Message);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"KeyId":}""")]
    [InlineData("""{"KeyId":"k"} trailing""")]
    public void malformed_json_is_a_serialization_exception(string body)
    {
        var error = ReadFails<DescribeKeyRequest>(body);
        Assert.Equal("SerializationException", error.ErrorCode);
        Assert.StartsWith("The request body is not valid JSON", error.Message);
    }

    [Fact]
    public void error_bodies_carry_the_bare_code_and_a_lower_case_message()
    {
        var json = Encoding.UTF8.GetString(AwsJsonCodec.WriteError("NotFoundException", "Key 'arn:aws:kms:us-east-1:111122223333:key/x' does not exist"));
        Assert.Equal("""{"__type":"NotFoundException","message":"Key 'arn:aws:kms:us-east-1:111122223333:key/x' does not exist"}""", json);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(2, parsed.RootElement.EnumerateObject().Count());
    }

    [Fact]
    public void an_error_without_a_message_has_no_message_member_not_an_empty_one()
    {
        Assert.Equal("""{"__type":"InvalidCiphertextException"}""", Encoding.UTF8.GetString(AwsJsonCodec.WriteError("InvalidCiphertextException", null)));
    }
}
