using System.Collections.Frozen;

namespace KmsActors.Kms.Policy;

public static partial class KmsConditionKeys
{
    /// <summary>The type AWS gives a condition key, which says which condition operators compare it (docs/condition-keys.md).</summary>
    public enum ConditionKeyType
    {
        String,
        Numeric,
        Date,
        Bool,
        Arn,
        IpAddress,
    }

    /// <summary>One condition key as AWS's Service Authorization Reference or IAM's global key list defines it. Names
    /// with a <c>${…}</c> part (<c>kms:EncryptionContext:${EncryptionContextKey}</c>, <c>aws:ResourceTag/${TagKey}</c>)
    /// stand for a family of keys that share the part before it.</summary>
    public sealed record ConditionKeyInfo(string Name, ConditionKeyType Type, bool IsMultiValued);

    /// <summary>
    /// One IAM action of KMS (the name after <c>kms:</c>), the resource types it is authorized on (empty: "*"), and the
    /// condition keys AWS lists for it. <see cref="ConditionKeys"/> are the action's own; a key-resource action also has
    /// the keys of the key resource (<see cref="KeyResourceConditionKeys"/>); every action has <see cref="GlobalConditionKeys"/>.
    /// </summary>
    public sealed class ActionInfo
    {
        private readonly FrozenSet<string> _exact;
        private readonly string[] _prefixes;

        internal ActionInfo(string action, IReadOnlyList<string> resourceTypes, IReadOnlyList<string> conditionKeys)
        {
            Action = action;
            ResourceTypes = resourceTypes;
            ConditionKeys = conditionKeys;
            IsKeyResource = resourceTypes.Contains("key");
            AllConditionKeys = IsKeyResource ? [.. conditionKeys.Union(KeyResourceConditionKeys)] : conditionKeys;
            _exact = AllConditionKeys.Where(k => !k.Contains("${", StringComparison.Ordinal)).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
            _prefixes = [.. AllConditionKeys.Where(k => k.Contains("${", StringComparison.Ordinal)).Select(TemplatePrefix)];
        }

        public string Action { get; }

        /// <summary>"key", "alias" (both for the alias operations), or none: the action is authorized on "*".</summary>
        public IReadOnlyList<string> ResourceTypes { get; }

        /// <summary>The keys AWS lists in the action's own row.</summary>
        public IReadOnlyList<string> ConditionKeys { get; }

        /// <summary><see cref="ConditionKeys"/> and, for key-resource actions, the key resource's keys.</summary>
        public IReadOnlyList<string> AllConditionKeys { get; }

        /// <summary>The action is authorized on a particular KMS key (a "KMS key resource operation").</summary>
        public bool IsKeyResource { get; }

        /// <summary>Whether <paramref name="conditionKey"/> (a concrete name such as <c>kms:EncryptionContext:app</c>)
        /// can be in this action's request context: one of the action's keys or a global key. Case-insensitive, as IAM's
        /// key names are.</summary>
        public bool Applies(string conditionKey) => IsGlobal(conditionKey) || HasServiceKey(conditionKey);

        internal bool HasServiceKey(string conditionKey)
        {
            if (_exact.Contains(conditionKey))
                return true;
            foreach (var prefix in _prefixes)
            {
                if (conditionKey.Length > prefix.Length && conditionKey.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    return true;
            }
            return false;
        }

        /// <summary>Whether a templated key family (e.g. "kms:EncryptionContext:") applies to this action.</summary>
        internal bool HasFamily(string prefix)
        {
            foreach (var candidate in _prefixes)
            {
                if (candidate.Equals(prefix, StringComparison.OrdinalIgnoreCase))
                    return true;
            }
            return false;
        }
    }

    /// <summary>"kms:EncryptionContext:" for "kms:EncryptionContext:${EncryptionContextKey}".</summary>
    private static string TemplatePrefix(string templated) => templated[..templated.IndexOf("${", StringComparison.Ordinal)];
}
