using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Persistence.Crash;

/// <summary>What a key shows through the API, in a form two keys can be compared by: the state, the expiry of its
/// material (while it has material), description, tags and aliases.</summary>
public sealed record KeyView(KeyState State, ExpirationModelType? ExpirationModel, long? ValidTo, string? Description, string Tags, string Aliases)
{
    public static KeyView Of(KeyState state, bool expires, long? validTo, string? description, IEnumerable<KeyValuePair<string, string>> tags, IEnumerable<string> aliases)
    {
        var hasMaterial = state != KeyState.PendingImport;
        return new KeyView(
            state,
            hasMaterial ? expires ? ExpirationModelType.KEY_MATERIAL_EXPIRES : ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE : null,
            hasMaterial && expires ? validTo : null,
            description,
            string.Join(";", tags.Select(t => $"{t.Key}={t.Value}").Order(StringComparer.Ordinal)),
            string.Join(";", aliases.Order(StringComparer.Ordinal)));
    }
}
