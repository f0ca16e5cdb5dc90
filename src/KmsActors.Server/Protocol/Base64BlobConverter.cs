using System.Text.Json;
using System.Text.Json.Serialization;

namespace KmsActors.Server.Protocol;

/// <summary>AWS blobs: base64 strings inside JSON.</summary>
public sealed class Base64BlobConverter : JsonConverter<byte[]>
{
    public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new AwsWireFormatException(AwsWireFormatException.Kind.WrongType, "a base64 string");
        return reader.TryGetBytesFromBase64(out var bytes)
            ? bytes
            : throw new AwsWireFormatException(AwsWireFormatException.Kind.Base64, "base64-encoded binary data");
    }

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(value);
}
