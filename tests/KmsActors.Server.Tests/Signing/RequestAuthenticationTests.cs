using System.Net;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using KmsActors.Server.Signing;
using KmsActors.Server.Tests.Support;

namespace KmsActors.Server.Tests.Signing;

public sealed class RequestAuthenticationTests
{
    private const string Credentials = """
        kms.server.credentials {
          AKIDALICE { account-id = "444455556666", principal = "arn:aws:iam::444455556666:user/alice", secret-key = "alice-secret" }
        }
        """;

    private static Action<HttpRequestMessage> SignedAs(string accessKey, string region) => request =>
    {
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20240101T000000Z");
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKey}/20240101/{region}/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=00");
    };

    private static AmazonKeyManagementServiceClient Sdk(KmsTestServer server, string accessKey, string secret) =>
        new(new BasicAWSCredentials(accessKey, secret), new AmazonKeyManagementServiceConfig
        {
            ServiceURL = server.Address.ToString(),
            AuthenticationRegion = "eu-central-1",
            MaxErrorRetry = 0,
        });

    [Fact]
    public async Task the_credential_scope_names_the_region_and_a_configured_access_key_the_caller()
    {
        await using var server = await KmsTestServer.StartAsync(hocon: Credentials);

        await WireAssert.Ok(await server.PostAsync("ListKeys", "{}", SignedAs("AKIDALICE", "ap-southeast-2")));

        var call = server.Fake!.Last;
        Assert.Equal("ap-southeast-2", call.Region);
        Assert.Equal("444455556666", call.Caller.AccountId);
        Assert.Equal("arn:aws:iam::444455556666:user/alice", call.Caller.PrincipalArn);
        Assert.Equal("AKIDALICE", call.Caller.AccessKeyId);
    }

    [Fact]
    public async Task with_checks_off_an_unknown_access_key_or_no_header_is_the_default_accounts_root()
    {
        await using var server = await KmsTestServer.StartAsync();

        await WireAssert.Ok(await server.PostAsync("ListKeys", "{}", SignedAs("AKIDSTRANGER", "eu-west-1")));
        var call = server.Fake!.Last;
        Assert.Equal(("eu-west-1", "111122223333", "arn:aws:iam::111122223333:root", "AKIDSTRANGER"),
            (call.Region, call.Caller.AccountId, call.Caller.PrincipalArn, call.Caller.AccessKeyId));

        await WireAssert.Ok(await server.PostAsync("ListKeys", "{}"));
        call = server.Fake.Last;
        Assert.Equal(("us-east-1", "arn:aws:iam::111122223333:root"), (call.Region, call.Caller.PrincipalArn));
    }

    [Fact]
    public async Task with_checks_on_a_request_signed_by_the_aws_sdk_with_the_configured_secret_is_accepted()
    {
        await using var server = await KmsTestServer.StartAsync(hocon: Credentials + "\nkms.server.verify-signatures = on");
        using var client = Sdk(server, "AKIDALICE", "alice-secret");

        await client.ListKeysAsync(new Amazon.KeyManagementService.Model.ListKeysRequest());

        var call = server.Fake!.Last;
        Assert.Equal(("eu-central-1", "arn:aws:iam::444455556666:user/alice"), (call.Region, call.Caller.PrincipalArn));
    }

    [Fact]
    public async Task with_checks_on_a_wrong_secret_is_an_invalid_signature()
    {
        await using var server = await KmsTestServer.StartAsync(hocon: Credentials + "\nkms.server.verify-signatures = on");
        using var client = Sdk(server, "AKIDALICE", "not-alices-secret");

        var error = await Assert.ThrowsAnyAsync<AmazonKeyManagementServiceException>(() => client.ListKeysAsync(new Amazon.KeyManagementService.Model.ListKeysRequest()));

        Assert.Equal(RequestAuthenticator.InvalidSignature, error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Empty(server.Fake!.Calls);
    }

    [Fact]
    public async Task with_checks_on_unknown_missing_and_malformed_credentials_are_refused()
    {
        await using var server = await KmsTestServer.StartAsync(hocon: Credentials + "\nkms.server.verify-signatures = on");

        var message = await WireAssert.Error(await server.PostAsync("ListKeys", "{}", SignedAs("AKIDSTRANGER", "us-east-1")), HttpStatusCode.BadRequest, RequestAuthenticator.UnrecognizedClient);
        Assert.Equal("The security token included in the request is invalid.", message);
        await WireAssert.Error(await server.PostAsync("ListKeys", "{}"), HttpStatusCode.BadRequest, RequestAuthenticator.MissingAuthenticationToken);
        await WireAssert.Error(await server.PostAsync("ListKeys", "{}", r => r.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Signature=1")),
            HttpStatusCode.BadRequest, RequestAuthenticator.IncompleteSignature);
        await WireAssert.Error(await server.PostAsync("ListKeys", "{}", SignedAs("AKIDALICE", "us-east-1")), HttpStatusCode.BadRequest, RequestAuthenticator.InvalidSignature);
        Assert.Empty(server.Fake!.Calls);
    }
}
