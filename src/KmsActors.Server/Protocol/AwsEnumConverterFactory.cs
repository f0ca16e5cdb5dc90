using System.Text.Json;
using System.Text.Json.Serialization;

namespace KmsActors.Server.Protocol;

/// <summary>Enums on the wire are their AWS values (the member names of the generated model), never numbers.</summary>
public sealed class AwsEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(AwsEnumConverter<>).MakeGenericType(typeToConvert))!;
}
