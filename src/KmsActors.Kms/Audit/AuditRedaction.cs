using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Akka;

namespace KmsActors.Kms.Audit;

/// <summary>
/// Turns request and response records into CloudTrail's requestParameters / responseElements: lower-camel-case
/// member names (docs/audit.md), enums as their AWS value, dates as CloudTrail renders them ("Aug 10, 2022, 10:38:27 PM"),
/// absent members left out — and never a secret. This is the one place that decides what is secret.
/// </summary>
internal static class AuditRedaction
{
    /// <summary>Members that carry key material, plaintext, ciphertext, tokens, signatures or credentials. CloudTrail
    /// never logs them; neither do we, at any nesting depth.</summary>
    public static readonly IReadOnlySet<string> SecretMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "Plaintext", "EncryptedKeyMaterial", "ImportToken", "PublicKey", "CiphertextBlob", "CiphertextForRecipient",
        "Signature", "Mac", "Message", "PrivateKeyPlaintext", "PrivateKeyCiphertextBlob", "SharedSecret", "KeyMaterial",
        "KeyStorePassword", "XksProxyAuthenticationCredential", "RawSecretAccessKey", "AttestationDocument",
        // A grant token lets its bearer use a grant at once (docs/grants.md): like CloudTrail's CreateGrant, log the grant ID only.
        "GrantToken", "GrantTokens",
    };

    private static readonly ConcurrentDictionary<Type, RecordShape> Shapes = new();

    /// <summary>A record type's loggable members and their CloudTrail names, worked out once per type.</summary>
    internal sealed class RecordShape(Type type, PropertyInfo[] members)
    {
        public PropertyInfo[] Members { get; } = members;
        public string[] CamelNames { get; } = members.Select(m => CamelName(m.Name)).ToArray();
        public Func<object, object?>[] Getters { get; } = members.Select(Model.PropertyGetter.Compile).ToArray();

        /// <summary>Getters of the members that may hold a mutable object (a map, list or nested record); null when the
        /// type itself can change after construction (a settable property): then a snapshot is always taken.</summary>
        private readonly Func<object, object?>[]? _mutableMembers = IsImmutableShape(type)
            ? members.Where(m => !m.PropertyType.IsValueType && m.PropertyType != typeof(string)).Select(Model.PropertyGetter.Compile).ToArray()
            : null;

        /// <summary>True when what <paramref name="record"/> logs cannot change any more: an init-only record whose
        /// members holding mutable objects are all absent (Encrypt's request and response, for instance). Such a record
        /// is its own snapshot, and the audit record keeps a reference instead of copying its values.</summary>
        public bool IsFrozen(object record)
        {
            if (_mutableMembers is null)
                return false;
            foreach (var getter in _mutableMembers)
            {
                if (getter(record) is not null)
                    return false;
            }
            return true;
        }

        private static bool IsImmutableShape(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance).All(p => p.SetMethod is not { IsPublic: true } setter
                || setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)));
    }

    /// <summary>True for a member that must never reach a record: named in <see cref="SecretMembers"/>, or any blob
    /// (every KMS blob is key material, ciphertext, a token, a signature or a public key).</summary>
    public static bool IsSecret(PropertyInfo member) =>
        SecretMembers.Contains(member.Name)
        || member.PropertyType == typeof(byte[])
        || member.PropertyType == typeof(ReadOnlyMemory<byte>) || member.PropertyType == typeof(Memory<byte>)
        || typeof(Stream).IsAssignableFrom(member.PropertyType);

    /// <summary>The CloudTrail map of a request or response record; null for no record (or Akka's Done: no output).</summary>
    public static IReadOnlyDictionary<string, object?>? ToMap(object? record) =>
        record is null or Done or Keys.EmptyResponse ? null : Convert(record) as IReadOnlyDictionary<string, object?>;

    /// <summary>What <see cref="ToMap"/> would return, deferred: an <see cref="AuditSnapshot"/> of a record's loggable
    /// members (read now, converted on first use), the record itself when nothing it logs can change any more
    /// (<see cref="RecordShape.IsFrozen"/>), or the map itself / null for anything that is not a plain record.</summary>
    public static object? Defer(object? record)
    {
        if (record is null or Done or Keys.EmptyResponse)
            return null;
        if (IsLeaf(record))
            return ToMap(record);
        var shape = ShapeOf(record.GetType());
        return shape.IsFrozen(record) ? record : new AuditSnapshot(shape, record);
    }

    internal static object? ConvertValue(object? value) => Convert(value);

    /// <summary>Values <see cref="Convert"/> does not take apart member by member.</summary>
    private static bool IsLeaf(object value) =>
        value is string or bool or int or long or double or decimal or Enum or DateTimeOffset or DateTime
            or byte[] or ReadOnlyMemory<byte> or Memory<byte> or Stream or IEnumerable;

    private static RecordShape ShapeOf(Type type) => Shapes.GetOrAdd(type, t => new RecordShape(t, AuditSnapshot.Loggable(t)));

    /// <summary>CloudTrail's member names are lower camel case; leading acronyms stay (keyMetadata.AWSAccountId, docs/audit.md).</summary>
    public static string CamelName(string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && char.IsUpper(name[1]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>CloudTrail's rendering of timestamps inside requestParameters and responseElements.</summary>
    public static string FormatDate(DateTimeOffset date) =>
        date.UtcDateTime.ToString("MMM d, yyyy, h:mm:ss tt", CultureInfo.InvariantCulture);

    private static object? Convert(object? value) => value switch
    {
        null => null,
        string or bool or int or long or double or decimal => value,
        Enum e => e.ToString(),
        DateTimeOffset date => FormatDate(date),
        DateTime date => FormatDate(new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc))),
        byte[] or ReadOnlyMemory<byte> or Memory<byte> or Stream => null,
        IEnumerable<KeyValuePair<string, string>> pairs => pairs.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
        IEnumerable items => items.Cast<object?>().Select(Convert).ToList(),
        _ => ToMembers(value),
    };

    private static IReadOnlyDictionary<string, object?> ToMembers(object record) =>
        new AuditSnapshot(ShapeOf(record.GetType()), record).ToMap();
}
