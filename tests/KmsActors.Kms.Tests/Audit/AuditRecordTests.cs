using System.Text.Json;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Tests.Audit;

public sealed class AuditRecordTests
{
    private const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static readonly DateTimeOffset At = new(2022, 8, 10, 22, 38, 27, TimeSpan.Zero);
    private static readonly CallerIdentity Root = CallerIdentity.Root("111122223333");

    private static KmsCommand Command(object request) => new(request, Root, "us-east-1", "req-1");

    [Fact]
    public void an_api_call_record_has_the_cloudtrail_shape()
    {
        var request = new DescribeKeyRequest { KeyId = KeyArn };
        var response = new DescribeKeyResponse { KeyMetadata = new KeyMetadata { AWSAccountId = "111122223333", KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab", CreationDate = At, KeyState = KeyState.PendingImport, Enabled = false } };

        var record = AuditRecord.ForApiCall(Command(request), response, null, At, [KeyArn]);

        Assert.Equal(("1.11", "kms.amazonaws.com", "DescribeKey", "us-east-1", "req-1"), (record.EventVersion, record.EventSource, record.EventName, record.AwsRegion, record.RequestID));
        Assert.Equal(("Root", "111122223333", "arn:aws:iam::111122223333:root"), (record.UserIdentity.Type, record.UserIdentity.PrincipalId, record.UserIdentity.Arn));
        Assert.Equal((AuditRecord.ApiCall, true, true, "Management", "111122223333"), (record.EventType, record.ReadOnly, record.ManagementEvent, record.EventCategory, record.RecipientAccountId));
        Assert.Equal([new AuditResource("111122223333", KeyArn)], record.Resources);
        Assert.Equal(KeyArn, record.RequestParameters!["keyId"]);
        // A read-only event logs no response elements (AWS's DescribeKey example: "responseElements": null).
        Assert.Null(record.ResponseElements);
        Assert.Null(record.ErrorCode);
    }

    [Fact]
    public void a_call_that_changes_something_logs_its_response_elements()
    {
        var request = new CreateKeyRequest { Origin = OriginType.EXTERNAL };
        var response = new CreateKeyResponse { KeyMetadata = new KeyMetadata { AWSAccountId = "111122223333", KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab", CreationDate = At, KeyState = KeyState.PendingImport, Enabled = false } };

        var record = AuditRecord.ForApiCall(Command(request), response, null, At, [KeyArn]);

        Assert.False(record.ReadOnly);
        var metadata = Assert.IsType<Dictionary<string, object?>>(record.ResponseElements!["keyMetadata"]);
        Assert.Equal("111122223333", metadata["AWSAccountId"]);
        Assert.Equal("PendingImport", metadata["keyState"]);
        Assert.Equal(false, metadata["enabled"]);
        Assert.Equal("Aug 10, 2022, 10:38:27 PM", metadata["creationDate"]);
    }

    [Theory]
    [InlineData("Encrypt")]
    [InlineData("Decrypt")]
    [InlineData("ReEncrypt")]
    [InlineData("GenerateDataKey")]
    [InlineData("GenerateDataKeyPairWithoutPlaintext")]
    [InlineData("Sign")]
    [InlineData("Verify")]
    [InlineData("GenerateMac")]
    [InlineData("VerifyMac")]
    [InlineData("GenerateRandom")]
    [InlineData("DescribeKey")]
    [InlineData("ListKeys")]
    [InlineData("GetParametersForImport")]
    public void cryptographic_and_describing_operations_are_read_only(string operation) =>
        Assert.True(AuditRecord.IsReadOnly(operation));

    [Theory]
    [InlineData("CreateKey")]
    [InlineData("ImportKeyMaterial")]
    [InlineData("DeleteImportedKeyMaterial")]
    [InlineData("EnableKey")]
    [InlineData("ScheduleKeyDeletion")]
    [InlineData("CreateAlias")]
    public void operations_that_change_a_key_are_not_read_only(string operation) =>
        Assert.False(AuditRecord.IsReadOnly(operation));

    [Fact]
    public void request_parameters_show_the_call_as_made_whether_or_not_the_request_holds_a_mutable_map()
    {
        // Without an encryption context nothing Encrypt logs can change: the record keeps the request itself.
        var plain = new EncryptRequest { KeyId = KeyArn, Plaintext = [1, 2, 3], EncryptionAlgorithm = EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT };
        var plainRecord = AuditRecord.ForApiCall(Command(plain), new EncryptResponse { KeyId = KeyArn, CiphertextBlob = [9], EncryptionAlgorithm = EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT }, null, At, [KeyArn]);
        Assert.Equal(new Dictionary<string, object?> { ["keyId"] = KeyArn, ["encryptionAlgorithm"] = "SYMMETRIC_DEFAULT" }, plainRecord.RequestParameters);
        Assert.Null(plainRecord.ResponseElements); // Encrypt is read-only: AWS logs "responseElements": null
        Assert.Same(plainRecord.RequestParameters, plainRecord.RequestParameters);

        // A caller's dictionary may change after the call: the record shows it as it was when the call was answered.
        var context = new Dictionary<string, string> { ["purpose"] = "test" };
        var withContext = new EncryptRequest { KeyId = KeyArn, Plaintext = [1], EncryptionContext = context };
        var contextRecord = AuditRecord.ForApiCall(Command(withContext), null, KmsException.NotFound("gone"), At, [KeyArn]);
        context["purpose"] = "changed";
        context["added"] = "later";
        var logged = Assert.IsType<Dictionary<string, object?>>(contextRecord.RequestParameters!["encryptionContext"]);
        Assert.Equal(new Dictionary<string, object?> { ["purpose"] = "test" }, logged);
    }

    [Fact]
    public void a_failed_call_carries_the_error_and_no_response_elements()
    {
        var error = KmsException.NotFound($"Key '{KeyArn}' does not exist");
        var record = AuditRecord.ForApiCall(Command(new EnableKeyRequest { KeyId = KeyArn }), null, error, At, []);
        Assert.Equal((KmsErrorCodes.NotFoundException, $"Key '{KeyArn}' does not exist"), (record.ErrorCode, record.ErrorMessage));
        Assert.Null(record.ResponseElements);
        Assert.False(record.ReadOnly);
    }

    [Fact]
    public void get_parameters_for_import_is_read_only_and_logs_no_response_elements()
    {
        var request = new GetParametersForImportRequest { KeyId = KeyArn, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_4096 };
        var response = new GetParametersForImportResponse { KeyId = KeyArn, ImportToken = [1, 2], PublicKey = [3, 4], ParametersValidTo = At };
        var record = AuditRecord.ForApiCall(Command(request), response, null, At, [KeyArn]);
        Assert.True(record.ReadOnly);
        Assert.Null(record.ResponseElements);
        Assert.Equal(new Dictionary<string, object?> { ["keyId"] = KeyArn, ["wrappingAlgorithm"] = "RSAES_OAEP_SHA_256", ["wrappingKeySpec"] = "RSA_4096" }, record.RequestParameters);
    }

    [Fact]
    public void delete_expired_key_material_is_a_service_event_invoked_by_aws()
    {
        var record = AuditRecord.ForServiceEvent("DeleteExpiredKeyMaterial", "111122223333", "us-east-1", KeyArn, new string('a', 64), At);
        Assert.Equal((AuditRecord.ServiceEvent, "AWS Internal", "AWS Internal", "AWS Internal"), (record.EventType, record.UserIdentity.InvokedBy, record.SourceIPAddress, record.UserAgent));
        Assert.Equal(new AuditServiceEventDetails("1234abcd-12ab-34cd-56ef-1234567890ab", new string('a', 64)), record.ServiceEventDetails);
        Assert.Equal((null, null, null, false), (record.RequestParameters, record.ResponseElements, record.RequestID, record.ReadOnly));
        Assert.Null(record.UserIdentity.Type);
    }

    [Fact]
    public void the_json_uses_cloudtrail_names_and_a_utc_event_time()
    {
        var json = AuditJson.Render(AuditRecord.ForServiceEvent("DeleteExpiredKeyMaterial", "111122223333", "us-east-1", KeyArn, null, At.ToOffset(TimeSpan.FromHours(2))));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("2022-08-10T22:38:27Z", root.GetProperty("eventTime").GetString());
        Assert.Equal("AWS Internal", root.GetProperty("userIdentity").GetProperty("invokedBy").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("requestParameters").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("responseElements").ValueKind);
        Assert.False(root.TryGetProperty("requestID", out _));
        Assert.Equal(KeyArn, root.GetProperty("resources")[0].GetProperty("ARN").GetString());
        Assert.Equal("AWS::KMS::Key", root.GetProperty("resources")[0].GetProperty("type").GetString());
        Assert.Equal("1234abcd-12ab-34cd-56ef-1234567890ab", root.GetProperty("serviceEventDetails").GetProperty("keyId").GetString());
        foreach (var name in new[] { "eventVersion", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent", "eventID", "readOnly", "eventType", "managementEvent", "recipientAccountId", "eventCategory" })
            Assert.True(root.TryGetProperty(name, out _), name);
    }

    [Fact]
    public void an_api_call_renders_nested_maps_and_enums_as_json()
    {
        var request = new CreateKeyRequest { Origin = OriginType.EXTERNAL, MultiRegion = true, Tags = [new Tag { TagKey = "team", TagValue = "byok" }] };
        using var document = JsonDocument.Parse(AuditJson.Render(AuditRecord.ForApiCall(Command(request), null, null, At, [])));
        var parameters = document.RootElement.GetProperty("requestParameters");
        Assert.Equal("EXTERNAL", parameters.GetProperty("origin").GetString());
        Assert.True(parameters.GetProperty("multiRegion").GetBoolean());
        Assert.Equal("byok", parameters.GetProperty("tags")[0].GetProperty("tagValue").GetString());
    }

    [Fact]
    public void a_node_given_to_a_command_survives_its_copies_and_is_named_in_its_audit_record()
    {
        var encrypt = new EncryptResponse { KeyId = KeyArn, CiphertextBlob = [9], EncryptionAlgorithm = EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT };
        var command = Command(new EncryptRequest { KeyId = KeyArn, Plaintext = [1] }) with { Node = "akka.tcp://kms@127.0.0.1:4560" };
        var copy = command with { Region = "eu-west-1" };

        var record = AuditRecord.ForApiCallOn(copy, encrypt, null, At, [], keyMaterialId: "m-1");

        Assert.Equal(("akka.tcp://kms@127.0.0.1:4560", "eu-west-1", "req-1"), (copy.Node, copy.Region, copy.RequestId));
        Assert.Equal("akka.tcp://kms@127.0.0.1:4560", record.AdditionalEventData!["kmsActorsNode"]);
        Assert.Equal("m-1", record.AdditionalEventData!["keyMaterialId"]);
    }

    [Fact]
    public void a_single_process_record_names_no_node()
    {
        var encrypt = new EncryptResponse { KeyId = KeyArn, CiphertextBlob = [9], EncryptionAlgorithm = EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT };

        var record = AuditRecord.ForApiCallOn(Command(new EncryptRequest { KeyId = KeyArn, Plaintext = [1] }), encrypt, null, At, [], keyMaterialId: "m-1");

        Assert.Null(Command(new EncryptRequest()).Node);
        Assert.Equal(["keyMaterialId"], record.AdditionalEventData!.Keys);
    }
}
