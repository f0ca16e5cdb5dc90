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

    private readonly IReadOnlyDictionary<string, ConditionValues> _values;

    public ConditionContext(IReadOnlyDictionary<string, ConditionValues> values) =>
        _values = values.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private ConditionContext(Dictionary<string, ConditionValues> values, bool adopted) =>
        _values = adopted ? values : values.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Takes <paramref name="values"/> as it is, without the frozen copy the public constructor makes, when it
    /// already compares names case-insensitively; the caller must not change it afterwards. For the context
    /// <see cref="KmsConditionKeys.Build"/> makes per request, which is read a few times and dropped.</summary>
    internal static ConditionContext Adopt(Dictionary<string, ConditionValues> values) =>
        new(values, ReferenceEquals(values.Comparer, StringComparer.OrdinalIgnoreCase));

    public bool TryGet(string key, out ConditionValues values) => _values.TryGetValue(key, out values!);

    public IEnumerable<KeyValuePair<string, ConditionValues>> All => _values;

    public ConditionContext With(string key, ConditionValues values)
    {
        var copy = _values.ToDictionary(StringComparer.OrdinalIgnoreCase);
        copy[key] = values;
        return new ConditionContext(copy);
    }
}
