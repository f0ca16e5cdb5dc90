using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KmsActors.Server.Protocol;

/// <summary>One enum's AWS values, looked up without reflection per call.</summary>
internal sealed class AwsEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToFrozenDictionary(value => value.ToString(), StringComparer.Ordinal);

    private static readonly FrozenDictionary<TEnum, JsonEncodedText> Encoded =
        Enum.GetValues<TEnum>().ToFrozenDictionary(value => value, value => JsonEncodedText.Encode(value.ToString()));

    private static readonly string ValueSet = "[" + string.Join(", ", Enum.GetNames<TEnum>()) + "]";

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new AwsWireFormatException(AwsWireFormatException.Kind.WrongType, "a string");
        var text = reader.GetString()!;
        return ByName.TryGetValue(text, out var value)
            ? value
            : throw new AwsWireFormatException(AwsWireFormatException.Kind.EnumValue, ValueSet, text, typeof(TEnum));
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        if (Encoded.TryGetValue(value, out var text))
            writer.WriteStringValue(text);
        else
            throw new JsonException($"{value} is not a value of {typeof(TEnum).Name}.");
    }
}
