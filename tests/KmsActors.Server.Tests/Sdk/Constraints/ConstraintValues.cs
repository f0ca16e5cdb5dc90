using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Sdk.Constraints;

/// <summary>
/// Well-formed values of a member's shape, and values of a chosen length that keep (or break) its pattern. A KeyId names
/// a fresh symmetric key of its own (<see cref="FreshKeyId"/>), so no probe sees what another one did to its key.
/// </summary>
public static class ConstraintValues
{
    /// <summary>Stands for the ID of a fresh key, made in the probe's region just before the request is sent: the request
    /// then goes through to the key, so a check the key makes after validation is reached too.</summary>
    public const string FreshKeyId = "<fresh key>";

    /// <summary>The enum values that exist only in the China regions (docs/validation.md).</summary>
    public static readonly IReadOnlySet<string> ChinaOnlyEnumValues = new HashSet<string> { "SM2", "SM2PKE", "SM2DSA" };

    /// <summary>The China regions (partition aws-cn) offer the SM2 values.</summary>
    public static bool IsChina(string region) => region.StartsWith("cn-", StringComparison.Ordinal);

    // Realistic values for the shapes whose meaning the engine looks at after validation.
    private static readonly Dictionary<string, string> Preferred = new()
    {
        ["AliasNameType"] = "alias/constraints",
        ["PrincipalIdType"] = "arn:aws:iam::111122223333:root",
        ["RegionType"] = "us-west-2",
        ["PolicyNameType"] = "default",
        ["PolicyType"] = """{"Version":"2012-10-17","Statement":[]}""",
    };

    // Enum values that cost little after validation (an RSA key pair takes a second to make; an ECC pair does not).
    private static readonly Dictionary<Type, string> PreferredEnumValues = new()
    {
        [typeof(DataKeyPairSpec)] = nameof(DataKeyPairSpec.ECC_NIST_P256),
    };

    // (prefix, fill, suffix) shapes tried in order for a string of a given length that matches the member's pattern.
    private static readonly (string Prefix, char Fill, string Suffix)[] Templates =
    [
        ("", 'a', ""), ("alias/", 'a', ""), ("", 'A', ""), ("", '1', ""), ("cluster-", 'a', ""), ("https://", 'a', ""),
        ("/", 'a', "/kms/xks/v1"), ("/kms/xks/v", '1', ""), ("com.amazonaws.vpce.us-east-1.vpce-svc-", 'a', ""), ("", 'a', "-b-1"),
    ];

    // Characters tried in turn to break a pattern.
    private static readonly char[] Breakers = ['!', '\u0100', ' ', '#'];

    private static readonly ConcurrentDictionary<string, Regex> Patterns = new();

    /// <summary>True when <paramref name="value"/> matches <paramref name="member"/>'s pattern whole (or it has none).</summary>
    public static bool KeepsPattern(MemberSpec member, string value) =>
        member.Pattern is not { } pattern
        || Patterns.GetOrAdd(pattern, p => new Regex("^(?:" + p + ")$", RegexOptions.ECMAScript)).IsMatch(value);

    /// <summary>A string of <paramref name="length"/> characters that keeps the pattern, or null when none of that length can.</summary>
    public static string? Fill(MemberSpec member, long length)
    {
        if (length == 0)
            return KeepsPattern(member, "") ? "" : null;
        // An alias name keeps its "alias/" prefix where it fits: the engine reads it after validation.
        var templates = member.Shape == "AliasNameType" ? Templates.OrderBy(t => t.Prefix != "alias/") : Templates.AsEnumerable();
        foreach (var (prefix, fill, suffix) in templates)
        {
            var count = length - prefix.Length - suffix.Length;
            if (count < 0)
                continue;
            var value = prefix + new string(fill, (int)count) + suffix;
            if (KeepsPattern(member, value))
                return value;
        }
        return null;
    }

    /// <summary><paramref name="length"/> characters: ones that keep the pattern where some can, else 'a's.</summary>
    public static string OfLength(MemberSpec member, long length) => Fill(member, length) ?? new string('a', (int)length);

    /// <summary>A value of the member's length limits that breaks its pattern only.</summary>
    public static string BreakingPattern(MemberSpec member)
    {
        var valid = (string)Valid(member)!;
        foreach (var breaker in Breakers)
        {
            var value = valid[..^1] + breaker;
            if (!KeepsPattern(member, value))
                return value;
        }
        throw new InvalidOperationException($"No value of {valid.Length} characters breaks {member.Pattern}: add a breaker character.");
    }

    /// <summary>A well-formed value of the member's shape that the region offers in <paramref name="region"/>.</summary>
    public static object? Valid(MemberSpec member, string region = "us-east-1") => member.Kind switch
    {
        MemberKind.String when member.KeyIdForms != KeyIdForms.None => FreshKeyId,
        MemberKind.String when Preferred.TryGetValue(member.Shape, out var preferred) && preferred.Length >= (member.Min ?? 0)
            && preferred.Length <= (member.Max ?? long.MaxValue) && KeepsPattern(member, preferred) => preferred,
        MemberKind.String => ValidString(member),
        MemberKind.Blob => Enumerable.Repeat((byte)0x2A, (int)Math.Clamp(16, Math.Max(member.Min ?? 1, 1), member.Max ?? 16)).ToArray(),
        MemberKind.Number => member.Min ?? 1,
        MemberKind.Boolean => false,
        MemberKind.Enum when PreferredEnumValues.TryGetValue(member.EnumType!, out var cheap) => cheap,
        MemberKind.Enum => EnumValues(member).First(value => IsChina(region) || !ChinaOnlyEnumValues.Contains(value)),
        MemberKind.Map => new Dictionary<string, string> { ["purpose"] = "constraints" },
        MemberKind.List => new List<object?> { Valid(member.Element!, region) },
        MemberKind.Structure => Structure(member, region),
        _ => throw new NotSupportedException($"No valid value for {member.Kind} member {member.Name}: no request requires one."),
    };

    /// <summary>The structure with every required member filled.</summary>
    public static Dictionary<string, object?> Structure(MemberSpec structure, string region = "us-east-1") =>
        Required(structure.Members, region);

    /// <summary>A request or structure with every required member of <paramref name="members"/> filled.</summary>
    public static Dictionary<string, object?> Required(IReadOnlyList<MemberSpec> members, string region = "us-east-1") =>
        members.Where(member => member.Required).ToDictionary(member => member.Name, member => Valid(member, region));

    /// <summary>The model enum's values, in model order.</summary>
    public static IReadOnlyList<string> EnumValues(MemberSpec member) => Enum.GetNames(member.EnumType!);

    /// <summary>"[A, B, C]": the values <paramref name="region"/> offers, as AWS's messages list them.</summary>
    public static string EnumValueSet(MemberSpec member, string region) =>
        "[" + string.Join(", ", EnumValues(member).Where(value => IsChina(region) || !ChinaOnlyEnumValues.Contains(value))) + "]";

    private static string ValidString(MemberSpec member)
    {
        var min = Math.Max(member.Min ?? 1, 1);
        var max = member.Max ?? 64;
        for (var length = Math.Clamp(8, min, max); length <= max; length++)
        {
            if (Fill(member, length) is { } value)
                return value;
        }
        throw new InvalidOperationException($"No string of {min}..{max} characters keeps {member.Pattern}: add a template.");
    }
}
