using System.Text.Json;

namespace KmsActors.Server.Protocol;

/// <summary>
/// A member whose JSON value does not fit the model, thrown by the codec's converters. System.Text.Json fills
/// in <see cref="JsonException.Path"/>, from which the codec builds AWS's lower-camel member path.
/// </summary>
public sealed class AwsWireFormatException : JsonException
{
    public enum Kind
    {
        /// <summary>A value of the wrong JSON type (a string where a number belongs, ...).</summary>
        WrongType,
        /// <summary>A string that is not one of the enum's AWS values.</summary>
        EnumValue,
        /// <summary>A blob that is not valid base64.</summary>
        Base64,
        /// <summary>A timestamp that is neither epoch seconds nor ISO-8601.</summary>
        Timestamp,
    }

    public AwsWireFormatException(Kind problem, string expected, string? given = null, Type? enumType = null)
        : base($"{problem}: expected {expected}")
    {
        Problem = problem;
        Expected = expected;
        Given = given;
        EnumType = enumType;
    }

    /// <summary>The model enum of an <see cref="Kind.EnumValue"/> problem: the values a region offers differ (SM2).</summary>
    public Type? EnumType { get; }

    public Kind Problem { get; }

    /// <summary>What the member accepts: "a number", or the enum's value set "[A, B]".</summary>
    public string Expected { get; }

    /// <summary>The value that was sent, where it is worth repeating (enum values).</summary>
    public string? Given { get; }
}
