using System.Text.RegularExpressions;

namespace KmsActors.Kms.Model;

/// <summary>
/// The constraint violations of one request, worded as AWS words them (docs/validation.md):
/// "Value '&lt;value&gt;' at '&lt;member&gt;' failed to satisfy constraint: &lt;constraint&gt;". A request that violates nothing
/// allocates nothing.
/// </summary>
public struct Violations
{
    private List<string>? _messages;

    public readonly int Count => _messages?.Count ?? 0;

    /// <summary>"1 validation error detected: …" / "N validation errors detected: …; …" as a ValidationException.</summary>
    public readonly KmsException ToException() =>
        KmsException.Validation($"{Count} validation error{(Count == 1 ? "" : "s")} detected: {string.Join("; ", _messages ?? [])}");

    public void Add(string value, PathRef path, string constraint) =>
        (_messages ??= []).Add($"{value} at '{path}' failed to satisfy constraint: {constraint}");

    /// <summary>False (and a violation) when a required member is missing.</summary>
    public bool Required(bool present, bool required, PathRef path)
    {
        if (present || !required)
            return present;
        (_messages ??= []).Add($"Value null at '{path}' failed to satisfy constraint: Member must not be null");
        return false;
    }

    public void Present<T>(T? value, PathRef path) where T : struct => Required(value.HasValue, true, path);

    public void Present(object? value, PathRef path) => Required(value is not null, true, path);

    public void String(string? value, PathRef path, bool required, long? min, long? max, Regex? pattern, string? patternText, bool sensitive)
    {
        if (!Required(value is not null, required, path))
            return;
        if (value!.Length < min)
            Add(Shown(value, sensitive), path, $"Member must have length greater than or equal to {min}");
        if (value.Length > max)
            Add(Shown(value, sensitive), path, $"Member must have length less than or equal to {max}");
        if (pattern is not null && !pattern.IsMatch(value))
            Add(Shown(value, sensitive), path, $"Member must satisfy regular expression pattern: {patternText}");
    }

    public void Blob(byte[]? value, PathRef path, bool required, long? min, long? max, bool sensitive)
    {
        if (!Required(value is not null, required, path))
            return;
        if (value!.Length < min)
            Add(ShownBlob(value, sensitive), path, $"Member must have length greater than or equal to {min}");
        if (value.Length > max)
            Add(ShownBlob(value, sensitive), path, $"Member must have length less than or equal to {max}");
    }

    public void Number(long? value, PathRef path, bool required, long? min, long? max)
    {
        if (!Required(value is not null, required, path))
            return;
        if (value < min)
            Add($"Value '{value}'", path, $"Member must have value greater than or equal to {min}");
        if (value > max)
            Add($"Value '{value}'", path, $"Member must have value less than or equal to {max}");
    }

    public void Enum<T>(T? value, PathRef path, bool required, string region) where T : struct, System.Enum
    {
        if (Required(value.HasValue, required, path) && !ModelEnum<T>.IsOffered(value!.Value, region))
            Add($"Value '{value}'", path, $"Member must satisfy enum value set: {ModelEnum<T>.ValueSet(region)}");
    }

    public IReadOnlyList<T>? List<T>(IReadOnlyList<T>? value, PathRef path, bool required, long? min, long? max)
    {
        if (!Required(value is not null, required, path))
            return null;
        if (value!.Count < min)
            Add(ShownList(value), path, $"Member must have length greater than or equal to {min}");
        if (value.Count > max)
            Add(ShownList(value), path, $"Member must have length less than or equal to {max}");
        return value;
    }

    public T? Structure<T>(T? value, PathRef path, bool required) where T : class =>
        Required(value is not null, required, path) ? value : null;

    // AWS leaves sensitive values out ("Value at 'plaintext' …"); a blob shows as the Java buffer that held it.
    private static string Shown(string value, bool sensitive) => sensitive ? "Value" : $"Value '{value}'";

    private static string ShownBlob(byte[] value, bool sensitive) =>
        sensitive ? "Value" : $"Value 'java.nio.HeapByteBuffer[pos=0 lim={value.Length} cap={value.Length}]'";

    private static string ShownList<T>(IReadOnlyList<T> value) => $"Value '[{string.Join(", ", value)}]'";
}
