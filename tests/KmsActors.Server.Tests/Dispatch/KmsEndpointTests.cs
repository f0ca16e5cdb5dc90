using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KmsActors.Kms.Model;
using KmsActors.Server.Dispatch;
using KmsActors.Server.Tests.Support;

namespace KmsActors.Server.Tests.Dispatch;

public sealed class KmsEndpointTests : IAsyncLifetime
{
    private KmsTestServer _server = null!;

    private FakeKmsHandler Fake => _server.Fake!;

    public async Task InitializeAsync() => _server = await KmsTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task a_call_is_decoded_into_the_model_record_and_its_response_encoded()
    {
        Fake.Answer = (_, _) => new DescribeKeyResponse
        {
            KeyMetadata = new KeyMetadata
            {
                KeyId = "k",
                KeyState = KeyState.PendingImport,
                CreationDate = DateTimeOffset.FromUnixTimeMilliseconds(1700000000123),
            },
        };

        var response = await _server.PostAsync("DescribeKey", """{"KeyId":"alias/x","GrantTokens":["t"]}""");

        var json = await WireAssert.Ok(response);
        Assert.Equal("""{"KeyMetadata":{"KeyId":"k","CreationDate":1700000000.123,"KeyState":"PendingImport"}}""", json.GetRawText());
        var call = Fake.Last;
        Assert.Equal("DescribeKey", call.Operation);
        Assert.Equal("alias/x", Assert.IsType<DescribeKeyRequest>(call.Request).KeyId);
        Assert.Equal(call.RequestId, Assert.Single(response.Headers.GetValues(KmsEndpoint.RequestIdHeader)));
    }

    [Fact]
    public async Task an_operation_without_output_answers_an_empty_object()
    {
        var json = await WireAssert.Ok(await _server.PostAsync("EnableKey", """{"KeyId":"k"}"""));
        Assert.Equal("{}", json.GetRawText());
    }

    [Fact]
    public async Task plain_application_json_is_accepted_too()
    {
        var response = await _server.PostAsync("ListKeys", "{}", request => request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("TrentService.Fly")]
    [InlineData("OtherService.CreateKey")]
    [InlineData("TrentService.createkey")]
    public async Task an_unknown_target_is_an_unknown_operation_exception(string target)
    {
        var response = await _server.PostAsync(null, "{}", request => request.Headers.Add("X-Amz-Target", target));
        var message = await WireAssert.Error(response, HttpStatusCode.BadRequest, KmsEndpoint.UnknownOperation);
        Assert.Contains(target, message);
        Assert.Empty(Fake.Calls);
    }

    [Fact]
    public async Task a_missing_target_is_an_unknown_operation_exception()
    {
        var message = await WireAssert.Error(await _server.PostAsync(null, "{}"), HttpStatusCode.BadRequest, KmsEndpoint.UnknownOperation);
        Assert.Contains("X-Amz-Target", message);
    }

    [Fact]
    public async Task malformed_json_is_a_serialization_exception()
    {
        await WireAssert.Error(await _server.PostAsync("CreateKey", """{"KeyUsage":"""), HttpStatusCode.BadRequest, "SerializationException");
        Assert.Empty(Fake.Calls);
    }

    [Fact]
    public async Task an_unknown_enum_value_is_a_validation_exception()
    {
        var message = await WireAssert.Error(await _server.PostAsync("CreateKey", """{"Origin":"CLOUD"}"""), HttpStatusCode.BadRequest, KmsErrorCodes.ValidationException);
        Assert.StartsWith("1 validation error detected: Value 'CLOUD' at 'origin' failed to satisfy constraint: Member must satisfy enum value set: [", message);
    }

    [Fact]
    public async Task an_oversized_body_is_refused_with_413_before_it_is_read()
    {
        var big = "{\"Description\":\"" + new string('x', KmsEndpoint.MaxRequestBodyBytes) + "\"}";
        var message = await WireAssert.Error(await _server.PostAsync("CreateKey", big), HttpStatusCode.RequestEntityTooLarge, KmsEndpoint.RequestEntityTooLarge);
        Assert.Contains("1048576", message);
        Assert.Empty(Fake.Calls);
    }

    [Fact]
    public async Task an_oversized_chunked_body_is_refused_with_413_too()
    {
        var big = Encoding.UTF8.GetBytes("{\"Description\":\"" + new string('x', KmsEndpoint.MaxRequestBodyBytes) + "\"}");
        var response = await _server.PostAsync("CreateKey", "", request =>
        {
            request.Content = new StreamContent(new MemoryStream(big));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
            request.Headers.TransferEncodingChunked = true;
        });
        await WireAssert.Error(response, HttpStatusCode.RequestEntityTooLarge, KmsEndpoint.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData(KmsErrorCodes.NotFoundException, HttpStatusCode.BadRequest)]
    [InlineData(KmsErrorCodes.KMSInvalidStateException, HttpStatusCode.BadRequest)]
    [InlineData(KmsErrorCodes.DryRunOperationException, HttpStatusCode.BadRequest)]
    [InlineData(KmsErrorCodes.KMSInternalException, HttpStatusCode.InternalServerError)]
    [InlineData(KmsErrorCodes.KeyUnavailableException, HttpStatusCode.InternalServerError)]
    [InlineData(KmsErrorCodes.DependencyTimeoutException, HttpStatusCode.ServiceUnavailable)]
    public async Task engine_errors_answer_their_bare_code_with_the_reference_status(string code, HttpStatusCode status)
    {
        Fake.Answer = (_, _) => throw new KmsException(code, "arn:aws:kms:us-east-1:111122223333:key/k is pending import.");
        var message = await WireAssert.Error(await _server.PostAsync("Encrypt", """{"KeyId":"k","Plaintext":"AA=="}"""), status, code);
        Assert.Equal("arn:aws:kms:us-east-1:111122223333:key/k is pending import.", message);
    }

    [Fact]
    public async Task an_engine_error_without_a_message_answers_the_code_alone()
    {
        Fake.Answer = (_, _) => throw new KmsException(KmsErrorCodes.KMSInvalidSignatureException, null);
        var response = await _server.PostAsync("Verify", """{"KeyId":"k","Message":"AA==","Signature":"AA==","SigningAlgorithm":"ECDSA_SHA_256"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"__type":"KMSInvalidSignatureException"}""", await response.Content.ReadAsStringAsync()); // AWS: no message member
    }

    [Fact]
    public async Task an_unexpected_failure_is_a_generic_internal_exception()
    {
        Fake.Answer = (_, _) => throw new InvalidOperationException("secret detail");
        var message = await WireAssert.Error(await _server.PostAsync("ListKeys", "{}"), HttpStatusCode.InternalServerError, KmsErrorCodes.KMSInternalException);
        Assert.Equal(KmsEndpoint.InternalFailureMessage, message);
    }

    [Fact]
    public async Task a_response_of_the_wrong_record_is_an_internal_exception_not_a_crash()
    {
        Fake.Answer = (_, _) => new EncryptResponse();
        await WireAssert.Error(await _server.PostAsync("ListKeys", "{}"), HttpStatusCode.InternalServerError, KmsErrorCodes.KMSInternalException);
    }

    [Fact]
    public async Task every_operation_of_the_model_answers_json_and_never_a_server_error()
    {
        Assert.Equal(54, KmsOperations.All.Count);
        foreach (var operation in KmsOperations.All)
        {
            var response = await _server.PostAsync(operation, "{}");
            var json = await WireAssert.Ok(response);
            Assert.Equal(System.Text.Json.JsonValueKind.Object, json.ValueKind);
        }
        Assert.Equal(KmsOperations.All, Fake.Calls.Select(call => call.Operation));
    }

    [Fact]
    public async Task health_answers_ok_once_started()
    {
        var response = await _server.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"ok\"", await response.Content.ReadAsStringAsync());
    }
}
