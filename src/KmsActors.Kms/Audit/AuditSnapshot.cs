using System.Reflection;

namespace KmsActors.Kms.Audit;

/// <summary>
/// A request or response record's loggable (non-secret) member values, read when the call is answered; the CloudTrail
/// map is built from them only when someone reads it. Secret members are never read, so a snapshot holds no
/// plaintext, ciphertext, token or key bytes even before its map exists.
/// </summary>
internal sealed class AuditSnapshot
{
    private readonly AuditRedaction.RecordShape _shape;
    private readonly object?[] _values;

    public AuditSnapshot(AuditRedaction.RecordShape shape, object record)
    {
        _shape = shape;
        var getters = shape.Getters;
        _values = new object?[getters.Length];
        for (var i = 0; i < getters.Length; i++)
        {
            var value = getters[i](record);
            // A map, list or nested record may be changed by its owner after the call: its CloudTrail form is made now.
            _values[i] = value is null or string || value.GetType().IsValueType ? value : new Converted(AuditRedaction.ConvertValue(value));
        }
    }

    private sealed record Converted(object? Value);

    /// <summary>The same map <see cref="AuditRedaction.ToMap"/> builds from the record.</summary>
    public IReadOnlyDictionary<string, object?> ToMap()
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        var names = _shape.CamelNames;
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i] is Converted converted)
                map[names[i]] = converted.Value;
            else if (_values[i] is { } value)
                map[names[i]] = AuditRedaction.ConvertValue(value);
        }
        return map;
    }

    /// <summary>The map of a lazily built member: replaces the snapshot (or frozen record) in <paramref name="slot"/> by its map once
    /// (every reader sees the same instance); a slot that holds a map or null is returned as it is.</summary>
    public static IReadOnlyDictionary<string, object?>? Materialize(ref object? slot)
    {
        var current = Volatile.Read(ref slot);
        if (current is null or IReadOnlyDictionary<string, object?>)
            return (IReadOnlyDictionary<string, object?>?)current;
        // A snapshot, or a frozen record kept by reference (see AuditRedaction.Defer).
        var map = current is AuditSnapshot snapshot ? snapshot.ToMap() : AuditRedaction.ToMap(current);
        Interlocked.CompareExchange(ref slot, map, current);
        return (IReadOnlyDictionary<string, object?>?)Volatile.Read(ref slot);
    }

    internal static PropertyInfo[] Loggable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && !AuditRedaction.IsSecret(p))
            .ToArray();
}
