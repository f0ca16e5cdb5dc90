using KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Sdk.Constraints;

/// <summary>
/// What AWS answers for a member's value, worked out from the model's constraints on it (docs/validation.md):
/// "Value '&lt;v&gt;' at '&lt;path&gt;' failed to satisfy constraint: &lt;constraint&gt;", length before pattern.
/// </summary>
public static class ConstraintOracle
{
    /// <summary>The violations <paramref name="value"/> (null: absent) of <paramref name="member"/> at <paramref name="path"/> commits.</summary>
    public static IReadOnlyList<string> Violations(MemberSpec member, string path, object? value)
    {
        if (value is null)
            return member.Required ? [$"Value null at '{path}' failed to satisfy constraint: Member must not be null"] : [];
        var found = new List<string>();
        void Add(string shown, string constraint) => found.Add($"{shown} at '{path}' failed to satisfy constraint: {constraint}");
        switch (value)
        {
            case string text when member.Kind == MemberKind.String:
                var shown = member.Sensitive ? "Value" : $"Value '{text}'";
                Lengths(text.Length, member, constraint => Add(shown, constraint));
                if (!ConstraintValues.KeepsPattern(member, text))
                    Add(shown, $"Member must satisfy regular expression pattern: {member.Pattern}");
                break;
            case byte[] bytes:
                var buffer = member.Sensitive ? "Value" : $"Value 'java.nio.HeapByteBuffer[pos=0 lim={bytes.Length} cap={bytes.Length}]'";
                Lengths(bytes.Length, member, constraint => Add(buffer, constraint));
                break;
            case List<object?> list:
                Lengths(list.Count, member, constraint => Add($"Value '[{string.Join(", ", list.Select(Entry))}]'", constraint));
                break;
            case long number:
                if (number < member.Min)
                    Add($"Value '{number}'", $"Member must have value greater than or equal to {member.Min}");
                if (number > member.Max)
                    Add($"Value '{number}'", $"Member must have value less than or equal to {member.Max}");
                break;
            case string name when member.Kind == MemberKind.Enum:
                throw new InvalidOperationException($"Enum value {name}: use {nameof(EnumViolation)} with the region.");
        }
        return found;
    }

    /// <summary>The violation of enum <paramref name="member"/> holding <paramref name="value"/> in <paramref name="region"/>, if any.</summary>
    public static IReadOnlyList<string> EnumViolation(MemberSpec member, string path, string value, string region) =>
        ConstraintValues.EnumValues(member).Contains(value) && (ConstraintValues.IsChina(region) || !ConstraintValues.ChinaOnlyEnumValues.Contains(value))
            ? []
            : [$"Value '{value}' at '{path}' failed to satisfy constraint: Member must satisfy enum value set: {ConstraintValues.EnumValueSet(member, region)}"];

    /// <summary>"1 validation error detected: …" / "N validation errors detected: …; …".</summary>
    public static string Message(IReadOnlyList<string> violations) =>
        $"{violations.Count} validation error{(violations.Count == 1 ? "" : "s")} detected: {string.Join("; ", violations)}";

    private static void Lengths(long length, MemberSpec member, Action<string> add)
    {
        if (length < member.Min)
            add($"Member must have length greater than or equal to {member.Min}");
        if (length > member.Max)
            add($"Member must have length less than or equal to {member.Max}");
    }

    private static string Entry(object? entry) => entry switch
    {
        string text => text,
        _ => throw new NotSupportedException($"A list of {entry?.GetType().Name} has no length limit in the model: add how AWS shows its entries."),
    };
}
