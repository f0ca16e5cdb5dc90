namespace KmsActors.Kms.Policy;

public static partial class KmsConditionKeys
{
    /// <summary>Collects a request context, keeping only the keys that apply to the action.</summary>
    private sealed class Writer(ActionInfo action)
    {
        public Dictionary<string, ConditionValues> Entries { get; } = new(32, StringComparer.OrdinalIgnoreCase);

        public bool HasFamily(string prefix) => action.HasFamily(prefix);

        /// <summary>A global key: it applies to every action.</summary>
        public void Global(string key, string value) => Entries[key] = ConditionValues.Single(value);

        /// <summary>A single-valued key; nothing when the value is absent or the key does not apply.</summary>
        public void Put(string key, string? value)
        {
            if (value is not null && action.HasServiceKey(key))
                Entries[key] = ConditionValues.Single(value);
        }

        /// <summary>A multi-valued key; absent when it has no values (IAM has no empty set in a request context).</summary>
        public void PutMulti(string key, IReadOnlyCollection<string> values)
        {
            if (values.Count > 0 && action.HasServiceKey(key))
                Entries[key] = ConditionValues.Multi(values);
        }

        /// <summary>
        /// The members of a templated family, one per pair (kms:EncryptionContext:<c>name</c>, aws:RequestTag/<c>name</c>)
        /// when the family applies, and returns the names in ordinal order (for the family's multi-valued companion key),
        /// or an empty array when it does not apply. Key names compare case-insensitively, so two pairs whose names
        /// differ only in case make one key: the ordinally first name's value is kept, whatever the order of the
        /// request's pairs (docs/condition-keys.md).
        /// </summary>
        public string[] PutPairs(string prefix, IEnumerable<KeyValuePair<string, string>> pairs)
        {
            if (!action.HasFamily(prefix))
                return [];
            var sorted = pairs.ToArray();
            Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            var names = new string[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                names[i] = sorted[i].Key;
                Entries.TryAdd(prefix + sorted[i].Key, ConditionValues.Single(sorted[i].Value));
            }
            return names;
        }
    }
}
