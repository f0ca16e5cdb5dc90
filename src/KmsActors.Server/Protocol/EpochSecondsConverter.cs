using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KmsActors.Server.Protocol;

/// <summary>
/// AWS JSON 1.1 timestamps: epoch seconds as a JSON number, fractional allowed (1470811233.761). On input an
/// ISO-8601 string is accepted too.
/// </summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDecimal(out var seconds):
                return FromEpochSeconds(seconds);
            case JsonTokenType.String:
                var text = reader.GetString()!;
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var numeric))
                    return FromEpochSeconds(numeric);
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                    return parsed;
                break;
        }
        throw new AwsWireFormatException(AwsWireFormatException.Kind.Timestamp, "a timestamp (epoch seconds or ISO-8601)");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        var milliseconds = value.ToUnixTimeMilliseconds();
        if (milliseconds % 1000 == 0)
        {
            writer.WriteNumberValue(milliseconds / 1000);
            return;
        }
        // Exact decimal text ("1470811233.761"), never a binary double's rounding.
        Span<byte> buffer = stackalloc byte[32];
        Utf8Formatter.TryFormat(milliseconds / 1000m, buffer, out var written);
        writer.WriteRawValue(buffer[..written], skipInputValidation: true);
    }

    private static DateTimeOffset FromEpochSeconds(decimal seconds)
    {
        if (seconds < -62135596800m || seconds > 253402300799m)
            throw new AwsWireFormatException(AwsWireFormatException.Kind.Timestamp, "a timestamp within years 1 to 9999");
        return DateTimeOffset.UnixEpoch.AddTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond));
    }
}
