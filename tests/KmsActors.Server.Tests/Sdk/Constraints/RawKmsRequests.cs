using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KmsActors.Server.Tests.Sdk.Constraints;

/// <summary>
/// A request as raw AWS JSON 1.1 over HTTP, signed with SigV4 as the SDK signs it (for values the SDK cannot send).
/// The server of <see cref="ConstraintServerFixture"/> verifies signatures, so a bad signature here fails loudly.
/// </summary>
public sealed class RawKmsRequests(HttpClient http, string accessKey, string secretKey)
{
    private const string ContentType = "application/x-amz-json-1.1";

    /// <summary>POSTs <paramref name="request"/> to TrentService.<paramref name="operation"/>; null on 200, else the AWS error.</summary>
    public async Task<(string Code, string Message)?> Call(string operation, Dictionary<string, object?> request, string region)
    {
        var body = Json(request);
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = amzDate[..8];
        var host = http.BaseAddress!.Authority;
        var target = "TrentService." + operation;

        const string signedHeaders = "content-type;host;x-amz-date;x-amz-target";
        var canonical = string.Join('\n', "POST", "/", "", $"content-type:{ContentType}", $"host:{host}", $"x-amz-date:{amzDate}",
            $"x-amz-target:{target}", "", signedHeaders, Hex(SHA256.HashData(body)));
        var scope = $"{day}/{region}/kms/aws4_request";
        var toSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(day));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, "kms"u8);
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));

        using var message = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        message.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        message.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        using var response = await http.SendAsync(message);
        if (response.IsSuccessStatusCode)
            return null;
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (error.RootElement.GetProperty("__type").GetString()!, error.RootElement.GetProperty("message").GetString()!);
    }

    /// <summary>The value tree as the wire has it: members by model name, blobs base64, enum values as strings.</summary>
    public static byte[] Json(Dictionary<string, object?> request)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, request);
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            case long number: writer.WriteNumberValue(number); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case Dictionary<string, string> map:
                writer.WriteStartObject();
                foreach (var (name, entry) in map)
                    writer.WriteString(name, entry);
                writer.WriteEndObject();
                break;
            case Dictionary<string, object?> structure:
                writer.WriteStartObject();
                foreach (var (name, member) in structure)
                {
                    writer.WritePropertyName(name);
                    Write(writer, member);
                }
                writer.WriteEndObject();
                break;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (var entry in list)
                    Write(writer, entry);
                writer.WriteEndArray();
                break;
            default: throw new NotSupportedException($"No wire form for {value.GetType().Name}.");
        }
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
