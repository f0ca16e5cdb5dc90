using System.Collections.Frozen;

namespace KmsActors.Kms.Policy;

/// <summary>
/// The condition keys of one request and their values, as IAM's request context holds them: every value is text
/// (numbers as decimal, dates as ISO 8601 or epoch seconds, booleans as "true"/"false"); a key is single- or
/// multi-valued. Key names compare case-insensitively, as IAM's do; a key that is absent has no entry
/// (what the <c>Null</c> operator and <c>…IfExists</c> test).
/// </summary>
public sealed class ConditionContext
{
    public static readonly ConditionContext Empty = new(new Dictionary<string, ConditionValues>());

    private readonly FrozenDictionary<string, ConditionValues> _values;

    public ConditionContext(IReadOnlyDictionary<string, ConditionValues> values) =>
        _values = values.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public bool TryGet(string key, out ConditionValues values) => _values.TryGetValue(key, out values!);

    public IEnumerable<KeyValuePair<string, ConditionValues>> All => _values;

    public ConditionContext With(string key, ConditionValues values)
    {
        var copy = _values.ToDictionary(StringComparer.OrdinalIgnoreCase);
        copy[key] = values;
        return new ConditionContext(copy);
    }
}
