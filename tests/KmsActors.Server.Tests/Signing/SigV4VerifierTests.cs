using System.Text;
using KmsActors.Server.Signing;
using Microsoft.AspNetCore.Http;

namespace KmsActors.Server.Tests.Signing;

public sealed class SigV4VerifierTests
{
    private static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void the_signature_of_the_aws_documented_example_request_is_reproduced()
    {
        // AWS General Reference, "Examples of the complete Signature Version 4 signing process" (IAM ListUsers).
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/";
        context.Request.QueryString = new QueryString("?Action=ListUsers&Version=2010-05-08");
        context.Request.Host = new HostString("iam.amazonaws.com");
        context.Request.Headers.ContentType = "application/x-www-form-urlencoded; charset=utf-8";
        context.Request.Headers["X-Amz-Date"] = "20150830T123600Z";
        const string header = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

        Assert.True(SigV4Authorization.TryParse(header, out var authorization, out _));
        var canonical = SigV4Verifier.CanonicalRequest(context.Request, [], authorization!.SignedHeaders);
        Assert.Equal("""
            GET
            /
            Action=ListUsers&Version=2010-05-08
            content-type:application/x-www-form-urlencoded; charset=utf-8
            host:iam.amazonaws.com
            x-amz-date:20150830T123600Z

            content-type;host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """.ReplaceLineEndings("\n"), canonical);
        Assert.True(SigV4Verifier.IsValid(context.Request, [], authorization, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", SignedAt, out var problem), problem);
        Assert.False(SigV4Verifier.IsValid(context.Request, Encoding.UTF8.GetBytes("x"), authorization, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", SignedAt, out _));
        Assert.False(SigV4Verifier.IsValid(context.Request, [], authorization, "another secret", SignedAt, out problem));
        Assert.StartsWith("The request signature we calculated does not match", problem);
    }

    [Fact]
    public void a_signature_older_or_newer_than_15_minutes_has_expired()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Host = new HostString("127.0.0.1:4599");
        context.Request.Headers["X-Amz-Date"] = "20150830T123600Z";
        Assert.True(SigV4Authorization.TryParse("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=00", out var authorization, out _));
        var signature = SigV4Verifier.Signature(context.Request, [], authorization!, "secret", "20150830T123600Z");
        authorization = authorization! with { Signature = signature };

        Assert.True(SigV4Verifier.IsValid(context.Request, [], authorization, "secret", SignedAt.AddMinutes(14), out _));
        Assert.False(SigV4Verifier.IsValid(context.Request, [], authorization, "secret", SignedAt.AddMinutes(16), out var problem));
        Assert.Equal("Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T125200Z - 15 min.)", problem);
        Assert.False(SigV4Verifier.IsValid(context.Request, [], authorization, "secret", SignedAt.AddMinutes(-16), out _));
    }

    [Fact]
    public void the_credential_scope_names_access_key_region_and_service()
    {
        Assert.True(SigV4Authorization.TryParse(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/eu-west-1/kms/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=abc",
            out var authorization, out _));
        Assert.Equal(new[] { "AKIDEXAMPLE", "20240101", "eu-west-1", "kms" }, new[] { authorization!.AccessKeyId, authorization.Date, authorization.Region, authorization.Service });
        Assert.Equal(new[] { "host", "x-amz-date", "x-amz-target" }, authorization.SignedHeaders);
        Assert.Equal("20240101/eu-west-1/kms/aws4_request", authorization.Scope);
    }

    [Theory]
    [InlineData("", "Missing Authentication Token")]
    [InlineData("Basic dXNlcjpwYXNz", "AWS4-HMAC-SHA256")]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc", "'Credential'")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/kms, SignedHeaders=host, Signature=abc", "scoped")]
    public void a_malformed_header_is_refused_with_a_reason(string header, string reasonContains)
    {
        Assert.False(SigV4Authorization.TryParse(header, out _, out var problem));
        Assert.Contains(reasonContains, problem);
    }
}
