namespace KmsActors.Kms.Policy;

/// <summary>A condition key's value(s) in a request context; <see cref="IsMultiValued"/> keys (kms:EncryptionContextKeys,
/// kms:GrantOperations, aws:TagKeys, kms:ResourceAliases) take <c>ForAnyValue:</c> / <c>ForAllValues:</c>.</summary>
public sealed record ConditionValues(IReadOnlyList<string> Values, bool IsMultiValued)
{
    public static ConditionValues Single(string value) => new([value], false);

    public static ConditionValues Multi(IEnumerable<string> values) => new(values.ToArray(), true);
}
