using System.Text;
using System.Text.Json;
using KmsActors.Kms.Model;

namespace KmsActors.Server.Protocol;

/// <summary>
/// Turns System.Text.Json's path ("$.Tags[0].TagKey") into AWS's member path ("tags.1.member.tagKey") and a
/// read failure into the error AWS sends.
/// </summary>
public static class AwsMemberPath
{
    public const string SerializationException = "SerializationException";

    /// <summary>The AWS error for a JSON read failure of <paramref name="inputType"/>.</summary>
    public static KmsException Describe(JsonException error, Type inputType, string? region = null)
    {
        var path = FromJsonPath(error.Path);
        if (error is AwsWireFormatException wire)
        {
            return wire.Problem switch
            {
                // AWS's constraint-violation format, listing the values the region offers (docs/validation.md).
                AwsWireFormatException.Kind.EnumValue => EnumViolation(wire, path, region),
                _ => new KmsException(SerializationException, $"Value at '{path}' can not be read: expected {wire.Expected}."),
            };
        }
        // The reader's own errors (syntax) arrive wrapped; a token of the wrong kind for the member does not.
        if (error.InnerException is JsonException)
            return new KmsException(SerializationException, $"The request body is not valid JSON: {error.Message}");
        return path.Length == 0
            ? new KmsException(SerializationException, "The request body must be a JSON object.")
            : new KmsException(SerializationException, $"Value at '{path}' can not be read: expected {Expected(inputType, error.Path)}.");
    }

    private static KmsException EnumViolation(AwsWireFormatException wire, string path, string? region)
    {
        var violations = new Violations();
        violations.Add($"Value '{wire.Given}'", PathRef.Root.Member(path),
            $"Member must satisfy enum value set: {(wire.EnumType is not null && region is not null ? RequestValidation.EnumValueSet(wire.EnumType, region) : wire.Expected)}");
        return violations.ToException();
    }

    /// <summary>"$.Tags[0].TagKey" → "tags.1.member.tagKey" (lower-camel members, 1-based list indexes).</summary>
    public static string FromJsonPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
            return "";
        var result = new StringBuilder(jsonPath.Length + 8);
        foreach (var segment in Segments(jsonPath))
        {
            if (result.Length > 0)
                result.Append('.');
            if (segment.Index is { } index)
                result.Append(index + 1).Append(".member");
            else
                result.Append(char.ToLowerInvariant(segment.Name[0])).Append(segment.Name, 1, segment.Name.Length - 1);
        }
        return result.ToString();
    }

    private readonly record struct Segment(string Name, int? Index);

    private static IEnumerable<Segment> Segments(string jsonPath)
    {
        var i = jsonPath.StartsWith('$') ? 1 : 0;
        while (i < jsonPath.Length)
        {
            if (jsonPath[i] == '.')
            {
                var end = jsonPath.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? jsonPath.Length : end;
                if (end > i + 1)
                    yield return new Segment(jsonPath[(i + 1)..end], null);
                i = end;
            }
            else if (jsonPath[i] == '[')
            {
                var end = jsonPath.IndexOf(']', i);
                end = end < 0 ? jsonPath.Length : end;
                var inner = jsonPath[(i + 1)..end];
                if (int.TryParse(inner, out var index))
                    yield return new Segment("", index);
                else if (inner.Length > 2)
                    yield return new Segment(inner.Trim('\''), null);
                i = end + 1;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>What the member at <paramref name="jsonPath"/> of <paramref name="inputType"/> holds, in words.</summary>
    private static string Expected(Type inputType, string? jsonPath)
    {
        var type = inputType;
        foreach (var segment in Segments(jsonPath ?? ""))
        {
            if (segment.Index is not null || type.GetProperty(segment.Name) is not { } property)
                type = ElementType(type) ?? type;
            else
                type = property.PropertyType;
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "a boolean",
            _ when type == typeof(int) || type == typeof(long) => "an integer",
            _ when type == typeof(double) || type == typeof(decimal) => "a number",
            _ when type == typeof(byte[]) => "a base64 string",
            _ when type.IsEnum => "a string",
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) => "a JSON object (map)",
            _ when ElementType(type) is not null => "a JSON array",
            _ => "a JSON object",
        };
    }

    private static Type? ElementType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0]
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) ? type.GetGenericArguments()[1]
        : null;
}
