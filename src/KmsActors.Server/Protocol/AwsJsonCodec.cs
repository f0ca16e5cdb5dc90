using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using KmsActors.Kms.Model;

namespace KmsActors.Server.Protocol;

/// <summary>
/// AWS JSON 1.1 for the KMS model records: member names as in the model, enums as AWS values, blobs as base64,
/// timestamps as epoch seconds, null members omitted, unknown members ignored. One options instance for the
/// process, so System.Text.Json builds each record's metadata once.
/// </summary>
public static class AwsJsonCodec
{
    public const string ContentType = "application/x-amz-json-1.1";

    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>Reads a request body into <paramref name="inputType"/>; an empty body is an empty request.</summary>
    /// <param name="region">The region the call is for: an unknown enum value's message lists the values it offers.</param>
    /// <exception cref="KmsException">SerializationException for malformed JSON or a wrong type, ValidationException for an unknown enum value.</exception>
    public static object ReadRequest(Type inputType, ReadOnlySpan<byte> body, string? region = null) =>
        ReadRequest(Options.GetTypeInfo(inputType), body, region);

    /// <summary>As <see cref="ReadRequest(Type, ReadOnlySpan{byte}, string?)"/>, with the input record's metadata at hand.</summary>
    public static object ReadRequest(JsonTypeInfo info, ReadOnlySpan<byte> body, string? region = null)
    {
        if (IsBlank(body))
            return info.CreateObject?.Invoke() ?? throw new InvalidOperationException($"{info.Type.Name} has no constructor.");
        try
        {
            return JsonSerializer.Deserialize(body, info) ?? info.CreateObject!.Invoke();
        }
        catch (JsonException error)
        {
            throw AwsMemberPath.Describe(error, info.Type, region);
        }
    }

    /// <summary>The response body: the record as JSON, <c>{}</c> for operations without output.</summary>
    public static byte[] WriteResponse(Type? outputType, object? response) =>
        WriteResponseAs(outputType is null ? null : Options.GetTypeInfo(outputType), response);

    /// <summary>As <see cref="WriteResponse(Type?, object?)"/>, with the output record's metadata at hand.</summary>
    public static byte[] WriteResponseAs(JsonTypeInfo? outputInfo, object? response) =>
        outputInfo is null || response is null
            ? EmptyObject
            : JsonSerializer.SerializeToUtf8Bytes(response, outputInfo);

    /// <summary>An error body: <c>{"__type":"&lt;code&gt;","message":"…"}</c> (bare shape name, lower-case message: docs/validation.md); <c>{"__type":"&lt;code&gt;"}</c> alone when <paramref name="message"/> is null, as AWS answers
    /// KMSInvalidSignatureException and the other message-less errors (docs/check-order.md).</summary>
    public static byte[] WriteError(string errorCode, string? message)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 + (message?.Length ?? 0));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("__type"u8, errorCode);
            if (message is not null)
                writer.WriteString("message"u8, message);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static bool IsBlank(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).IsEmpty;

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = null,
            PropertyNameCaseInsensitive = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            MaxDepth = 32,
            // Not HTML: AWS messages keep their quotes ('keyUsage') readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new AwsEnumConverterFactory());
        options.Converters.Add(new EpochSecondsConverter());
        options.Converters.Add(new Base64BlobConverter());
        options.MakeReadOnly();
        return options;
    }
}
