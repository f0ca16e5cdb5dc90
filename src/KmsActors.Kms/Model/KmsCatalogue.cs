using System.Collections.Frozen;

namespace KmsActors.Kms.Model;

// The lookups the engine makes in the generated catalogue (Generated/KmsCatalogue.cs).
public static partial class KmsCatalogue
{
    private static readonly FrozenDictionary<(string Operation, string Member), KeyIdForms> Forms =
        Operations.Values
            .SelectMany(operation => operation.Members.Where(member => member.KeyIdForms != KeyIdForms.None)
                .Select(member => (Key: (operation.Name, member.Name), member.KeyIdForms)))
            .ToFrozenDictionary(entry => entry.Key, entry => entry.KeyIdForms);

    /// <summary>The identifier forms <paramref name="member"/> of <paramref name="operation"/> accepts (docs/identifiers.md);
    /// <see cref="KeyIdForms.None"/> when it names no key.</summary>
    public static KeyIdForms KeyIdFormsOf(string operation, string member) =>
        Forms.TryGetValue((operation, member), out var forms) ? forms : KeyIdForms.None;

    /// <summary>The page size <paramref name="operation"/> allows at most, and takes when the caller gives no Limit, as
    /// its API reference says (e.g. ListAliases 1–100, default 50; docs/validation.md).</summary>
    public static (int Max, int Default) PageOf(string operation) =>
        Operations[operation].Members.FirstOrDefault(member => member.Name == "Limit") is { PageMax: { } max, PageDefault: { } fallback }
            ? (max, fallback)
            : throw new ArgumentException($"{operation} has no documented Limit.", nameof(operation));
}
