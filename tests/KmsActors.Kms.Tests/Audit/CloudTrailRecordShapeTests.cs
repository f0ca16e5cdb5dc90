using System.Text.Json;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Tests.Audit;

/// <summary>Each KMS event's record as CloudTrail writes it (docs/audit.md): member names, values, what is left out.</summary>
public sealed class CloudTrailRecordShapeTests
{
    private const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string KeyArn = "arn:aws:kms:us-west-2:111122223333:key/" + KeyId;
    private static readonly string MaterialId = new('a', 64);
    private static readonly string OtherMaterialId = new('b', 64);
    private static readonly DateTimeOffset At = new(2025, 5, 21, 5, 42, 31, TimeSpan.Zero);
    private static readonly byte[] Secret = "TOP-SECRET-BYTES"u8.ToArray();

    private static JsonElement Json(AuditRecord record) => JsonDocument.Parse(AuditJson.Render(record)).RootElement;

    private static JsonElement Call(object request, object? response, KmsException? error = null) =>
        Json(AuditRecord.ForApiCall(new KmsCommand(request, CallerIdentity.Root("111122223333"), "us-west-2", "req-1"), response, error, At, [KeyArn]));

    private static string[] Members(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    private static void AssertNoSecret(JsonElement record) =>
        Assert.DoesNotContain(Convert.ToBase64String(Secret), record.GetRawText());

    [Fact]
    public void create_key_logs_the_request_and_the_new_key_metadata()
    {
        var record = Call(new CreateKeyRequest { Origin = OriginType.EXTERNAL, KeySpec = KeySpec.SYMMETRIC_DEFAULT, KeyUsage = KeyUsageType.ENCRYPT_DECRYPT },
            new CreateKeyResponse { KeyMetadata = new KeyMetadata { AWSAccountId = "111122223333", KeyId = KeyId, Arn = KeyArn, CreationDate = At, KeyState = KeyState.PendingImport, Origin = OriginType.EXTERNAL } });

        var parameters = record.GetProperty("requestParameters");
        Assert.Equal(("EXTERNAL", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"),
            (parameters.GetProperty("origin").GetString(), parameters.GetProperty("keySpec").GetString(), parameters.GetProperty("keyUsage").GetString()));
        var metadata = record.GetProperty("responseElements").GetProperty("keyMetadata");
        Assert.Equal(("111122223333", KeyId, "PendingImport", "EXTERNAL", "May 21, 2025, 5:42:31 AM"),
            (metadata.GetProperty("AWSAccountId").GetString(), metadata.GetProperty("keyId").GetString(), metadata.GetProperty("keyState").GetString(),
             metadata.GetProperty("origin").GetString(), metadata.GetProperty("creationDate").GetString()));
        Assert.False(record.GetProperty("readOnly").GetBoolean());
        Assert.False(record.TryGetProperty("additionalEventData", out _));
    }

    [Fact]
    public void get_parameters_for_import_logs_the_wrapping_choice_and_neither_token_nor_public_key()
    {
        var record = Call(new GetParametersForImportRequest { KeyId = KeyId, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048 },
            new GetParametersForImportResponse { KeyId = KeyArn, ImportToken = Secret, PublicKey = Secret, ParametersValidTo = At });

        Assert.Equal(["keyId", "wrappingAlgorithm", "wrappingKeySpec"], Members(record.GetProperty("requestParameters")));
        Assert.Equal(JsonValueKind.Null, record.GetProperty("responseElements").ValueKind);
        Assert.True(record.GetProperty("readOnly").GetBoolean());
        Assert.False(record.TryGetProperty("additionalEventData", out _));
        AssertNoSecret(record);
    }

    [Fact]
    public void import_key_material_logs_import_type_expiration_and_the_material_id_but_no_bytes()
    {
        var record = Call(new ImportKeyMaterialRequest
        {
            KeyId = KeyId, ImportToken = Secret, EncryptedKeyMaterial = Secret, ValidTo = At.AddMinutes(5), ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES,
            ImportType = ImportType.NEW_KEY_MATERIAL, KeyMaterialDescription = "ExampleKeyMaterialA",
        }, new ImportKeyMaterialResponse { KeyId = KeyArn, KeyMaterialId = MaterialId });

        var parameters = record.GetProperty("requestParameters");
        Assert.Equal(["keyId", "validTo", "expirationModel", "importType", "keyMaterialDescription"], Members(parameters));
        Assert.Equal(("May 21, 2025, 5:47:31 AM", "KEY_MATERIAL_EXPIRES", "NEW_KEY_MATERIAL"),
            (parameters.GetProperty("validTo").GetString(), parameters.GetProperty("expirationModel").GetString(), parameters.GetProperty("importType").GetString()));
        var response = record.GetProperty("responseElements");
        Assert.Equal((KeyArn, MaterialId), (response.GetProperty("keyId").GetString(), response.GetProperty("keyMaterialId").GetString()));
        // AWS's current ImportKeyMaterial example has no additionalEventData: the material ID is a response element.
        Assert.False(record.TryGetProperty("additionalEventData", out _));
        AssertNoSecret(record);
    }

    [Fact]
    public void delete_imported_key_material_logs_the_material_id_in_request_and_response()
    {
        var record = Call(new DeleteImportedKeyMaterialRequest { KeyId = KeyId, KeyMaterialId = MaterialId }, new DeleteImportedKeyMaterialResponse { KeyId = KeyArn, KeyMaterialId = MaterialId });

        Assert.Equal([("keyId", KeyId), ("keyMaterialId", MaterialId)], record.GetProperty("requestParameters").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
        Assert.Equal([("keyId", KeyArn), ("keyMaterialId", MaterialId)], record.GetProperty("responseElements").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
        Assert.False(record.GetProperty("readOnly").GetBoolean());
    }

    [Fact]
    public void delete_expired_key_material_is_a_service_event_naming_key_and_material()
    {
        var record = Json(AuditRecord.ForServiceEvent("DeleteExpiredKeyMaterial", "111122223333", "us-west-2", KeyArn, MaterialId, At));

        Assert.Equal([("keyId", KeyId), ("keyMaterialId", MaterialId)], record.GetProperty("serviceEventDetails").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
        Assert.Equal(["accountId", "invokedBy"], Members(record.GetProperty("userIdentity")));
        Assert.Equal(("AwsServiceEvent", "AWS Internal", "AWS Internal"), (record.GetProperty("eventType").GetString(), record.GetProperty("sourceIPAddress").GetString(), record.GetProperty("userAgent").GetString()));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (record.GetProperty("requestParameters").ValueKind, record.GetProperty("responseElements").ValueKind));
        Assert.False(record.TryGetProperty("requestID", out _));
    }

    [Fact]
    public void rotate_key_on_demand_logs_the_key_and_the_rotation_is_a_rotate_key_service_event()
    {
        var call = Call(new RotateKeyOnDemandRequest { KeyId = KeyId }, new RotateKeyOnDemandResponse { KeyId = KeyArn });
        Assert.Equal(["keyId"], Members(call.GetProperty("requestParameters")));
        Assert.Equal(["keyId"], Members(call.GetProperty("responseElements")));

        var rotation = Json(AuditRecord.ForRotateKey("111122223333", "us-west-2", KeyArn, "ON_DEMAND", "EXTERNAL", MaterialId, OtherMaterialId, At));
        Assert.Equal(("RotateKey", "AwsServiceEvent"), (rotation.GetProperty("eventName").GetString(), rotation.GetProperty("eventType").GetString()));
        Assert.Equal(
            [("rotationType", "ON_DEMAND"), ("keyOrigin", "EXTERNAL"), ("previousKeyMaterialId", MaterialId), ("currentKeyMaterialId", OtherMaterialId), ("keyId", KeyId)],
            rotation.GetProperty("serviceEventDetails").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (rotation.GetProperty("requestParameters").ValueKind, rotation.GetProperty("responseElements").ValueKind));
    }

    [Fact]
    public void delete_key_is_a_service_event_without_service_event_details()
    {
        var record = Json(AuditRecord.ForServiceEvent("DeleteKey", "111122223333", "us-west-2", KeyArn, null, At));
        Assert.Equal(("DeleteKey", "AwsServiceEvent", KeyArn), (record.GetProperty("eventName").GetString(), record.GetProperty("eventType").GetString(), record.GetProperty("resources")[0].GetProperty("ARN").GetString()));
        Assert.False(record.TryGetProperty("serviceEventDetails", out _));
    }

    [Fact]
    public void schedule_key_deletion_logs_key_state_and_deletion_date()
    {
        var record = Call(new ScheduleKeyDeletionRequest { KeyId = KeyId, PendingWindowInDays = 20 },
            new ScheduleKeyDeletionResponse { KeyId = KeyArn, KeyState = KeyState.PendingDeletion, DeletionDate = At.AddDays(20), PendingWindowInDays = 20 });

        Assert.Equal(20, record.GetProperty("requestParameters").GetProperty("pendingWindowInDays").GetInt32());
        Assert.Equal([("keyId", KeyArn), ("keyState", "PendingDeletion"), ("deletionDate", "Jun 10, 2025, 5:42:31 AM")],
            record.GetProperty("responseElements").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
    }

    [Fact]
    public void encrypt_logs_key_algorithm_and_context_but_no_plaintext_and_names_the_material()
    {
        var request = new EncryptRequest { KeyId = KeyId, Plaintext = Secret, EncryptionContext = new Dictionary<string, string> { ["Department"] = "Engineering" } };
        var record = Json(AuditRecord.ForApiCallOn(new KmsCommand(request, CallerIdentity.Root("111122223333"), "us-west-2", "req-1"),
            new EncryptResponse { KeyId = KeyArn, CiphertextBlob = Secret, EncryptionAlgorithm = EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT }, null, At, [new AuditResource("111122223333", KeyArn)], MaterialId));

        var parameters = record.GetProperty("requestParameters");
        // AWS always logs the encryption algorithm, also when the caller left it out.
        Assert.Equal(("SYMMETRIC_DEFAULT", "Engineering"), (parameters.GetProperty("encryptionAlgorithm").GetString(), parameters.GetProperty("encryptionContext").GetProperty("Department").GetString()));
        Assert.False(parameters.TryGetProperty("plaintext", out _));
        Assert.Equal(JsonValueKind.Null, record.GetProperty("responseElements").ValueKind);
        Assert.Equal([("keyMaterialId", MaterialId)], record.GetProperty("additionalEventData").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
        AssertNoSecret(record);
    }

    [Fact]
    public void decrypt_logs_the_algorithm_it_used_and_the_material_in_additional_event_data()
    {
        var record = Call(new DecryptRequest { CiphertextBlob = Secret, KeyId = KeyArn },
            new DecryptResponse { KeyId = KeyArn, Plaintext = Secret, EncryptionAlgorithm = EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT, KeyMaterialId = MaterialId });

        Assert.Equal([("keyId", KeyArn), ("encryptionAlgorithm", "SYMMETRIC_DEFAULT")], record.GetProperty("requestParameters").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
        Assert.Equal(JsonValueKind.Null, record.GetProperty("responseElements").ValueKind);
        Assert.Equal(MaterialId, record.GetProperty("additionalEventData").GetProperty("keyMaterialId").GetString());
        Assert.True(record.GetProperty("readOnly").GetBoolean());
        AssertNoSecret(record);
        // CloudTrail's member order: additionalEventData right after responseElements.
        var names = Members(record);
        Assert.Equal(Array.IndexOf(names, "responseElements") + 1, Array.IndexOf(names, "additionalEventData"));
    }

    [Fact]
    public void generate_data_key_logs_key_spec_and_the_material_and_no_data_key()
    {
        var record = Call(new GenerateDataKeyRequest { KeyId = KeyId, KeySpec = DataKeySpec.AES_256 },
            new GenerateDataKeyResponse { KeyId = KeyArn, Plaintext = Secret, CiphertextBlob = Secret, KeyMaterialId = MaterialId });

        Assert.Equal([("keyId", KeyId), ("keySpec", "AES_256")], record.GetProperty("requestParameters").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
        Assert.Equal(JsonValueKind.Null, record.GetProperty("responseElements").ValueKind);
        Assert.Equal(MaterialId, record.GetProperty("additionalEventData").GetProperty("keyMaterialId").GetString());
        AssertNoSecret(record);
    }

    [Fact]
    public void re_encrypt_names_destination_and_source_materials()
    {
        var record = Call(new ReEncryptRequest { CiphertextBlob = Secret, DestinationKeyId = KeyId },
            new ReEncryptResponse { KeyId = KeyArn, SourceKeyId = KeyArn, CiphertextBlob = Secret, SourceKeyMaterialId = MaterialId, DestinationKeyMaterialId = OtherMaterialId });

        Assert.Equal([("destinationKeyMaterialId", OtherMaterialId), ("sourceKeyMaterialId", MaterialId)],
            record.GetProperty("additionalEventData").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
        AssertNoSecret(record);
    }

    [Fact]
    public void a_refused_call_carries_error_code_and_message_and_no_additional_event_data()
    {
        var record = Call(new DecryptRequest { CiphertextBlob = Secret, KeyId = KeyArn }, null,
            new KmsException(KmsErrorCodes.IncorrectKeyException, "The key ID in the request does not identify a CMK that can perform this operation."));

        Assert.Equal(("IncorrectKeyException", "The key ID in the request does not identify a CMK that can perform this operation."),
            (record.GetProperty("errorCode").GetString(), record.GetProperty("errorMessage").GetString()));
        var names = Members(record);
        Assert.Equal([Array.IndexOf(names, "userAgent") + 1, Array.IndexOf(names, "userAgent") + 2, Array.IndexOf(names, "userAgent") + 3],
            [Array.IndexOf(names, "errorCode"), Array.IndexOf(names, "errorMessage"), Array.IndexOf(names, "requestParameters")]);
        Assert.Equal("SYMMETRIC_DEFAULT", record.GetProperty("requestParameters").GetProperty("encryptionAlgorithm").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("responseElements").ValueKind);
        Assert.False(record.TryGetProperty("additionalEventData", out _));
    }

    [Fact]
    public void access_denied_is_logged_as_access_denied_with_its_message()
    {
        var message = "User: arn:aws:iam::111122223333:user/Alice is not authorized to perform: kms:Decrypt on resource: " + KeyArn;
        var record = Call(new DecryptRequest { CiphertextBlob = Secret }, null, new KmsException("AccessDeniedException", message));
        Assert.Equal(("AccessDenied", message), (record.GetProperty("errorCode").GetString(), record.GetProperty("errorMessage").GetString()));
    }

    [Fact]
    public void an_error_without_a_message_has_no_error_message_member()
    {
        var record = Call(new VerifyRequest { KeyId = KeyId, Message = Secret, Signature = Secret, SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 }, null,
            new KmsException(KmsErrorCodes.KMSInvalidSignatureException, null!));

        Assert.Equal("KMSInvalidSignatureException", record.GetProperty("errorCode").GetString());
        Assert.False(record.TryGetProperty("errorMessage", out _));
        AssertNoSecret(record);
    }
}
