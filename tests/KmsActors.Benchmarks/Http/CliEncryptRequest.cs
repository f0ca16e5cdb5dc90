using System.Globalization;
using System.Text;
using KmsActors.Server.Signing;
using Microsoft.AspNetCore.Http;

namespace KmsActors.Benchmarks.Http;

/// <summary>
/// An Encrypt call as AWS CLI v2 sends it (<c>aws kms encrypt --key-id … --plaintext fileb://…</c> with the README's
/// credentials): POST / with the JSON 1.1 headers, the CLI's User-Agent and invocation headers, and a SigV4
/// Authorization header signed over the headers botocore signs. The server needs only the Authorization header's
/// credential scope (region) while kms.server.verify-signatures is off, its default; the signature is real anyway, so
/// the request is valid with checks on too (while its X-Amz-Date is within 15 minutes).
/// </summary>
public sealed class CliEncryptRequest
{
    /// <summary>The README's walkthrough credentials and region.</summary>
    public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string Region = "us-east-1";

    private const string UserAgent = "aws-cli/2.17.0 md/awscrt#0.20.11 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#debian.12 md/prompt#off md/command#kms.encrypt";

    public CliEncryptRequest(Uri endpoint, string keyId, byte[] plaintext, DateTimeOffset signedAt)
    {
        Body = $"{{\"KeyId\": \"{keyId}\", \"Plaintext\": \"{Convert.ToBase64String(plaintext)}\"}}";
        var amzDate = signedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        // botocore signs every header but user-agent, expect, transfer-encoding and x-amzn-trace-id.
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Accept-Encoding"] = "identity",
            ["X-Amz-Target"] = "TrentService.Encrypt",
            ["Content-Type"] = "application/x-amz-json-1.1",
            ["User-Agent"] = UserAgent,
            ["amz-sdk-invocation-id"] = "6f1b2a4e-9d3c-4c55-8a7e-2b0c1d9e8f70",
            ["amz-sdk-request"] = "attempt=1; max=3",
            ["X-Amz-Date"] = amzDate,
        };
        Headers = headers;
        string[] signed = ["amz-sdk-invocation-id", "amz-sdk-request", "content-type", "host", "x-amz-date", "x-amz-target"];
        var authorization = new SigV4Authorization(AccessKeyId, amzDate[..8], Region, "kms", signed, "");
        var signature = SigV4Verifier.Signature(AsHttpRequest(endpoint), Encoding.UTF8.GetBytes(Body), authorization, SecretAccessKey, amzDate);
        headers["Authorization"] = $"{SigV4Authorization.Algorithm} Credential={AccessKeyId}/{authorization.Scope}, SignedHeaders={string.Join(';', signed)}, Signature={signature}";
    }

    public string Body { get; }

    /// <summary>Every header but Host and Content-Length, which wrk sets.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>A wrk script that sends this request on every call, and reports through <see cref="Wrk.DoneHook"/>.</summary>
    public string WrkScript()
    {
        var script = new StringBuilder("wrk.method = \"POST\"\nwrk.path = \"/\"\n");
        script.Append("wrk.body = [[").Append(Body).Append("]]\n");
        foreach (var (name, value) in Headers)
            script.Append("wrk.headers[\"").Append(name).Append("\"] = [[").Append(value).Append("]]\n");
        return script.Append(Wrk.DoneHook).ToString();
    }

    private HttpRequest AsHttpRequest(Uri endpoint)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = "POST";
        request.Path = "/";
        request.Host = new HostString(endpoint.Authority);
        foreach (var (name, value) in Headers)
            request.Headers[name] = value;
        return request;
    }
}
