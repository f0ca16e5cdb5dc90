using System.Collections.Concurrent;

namespace KmsActors.Kms.Model;

/// <summary>
/// Checks a request record against the AWS model's constraints (required members, lengths, ranges, patterns, enum values
/// the region offers, list sizes) before anything else looks at it, and answers AWS's ValidationException, counting every
/// violation (docs/validation.md). The per-record checks are generated from the model (RequestValidation.Generated.cs).
/// </summary>
public static partial class RequestValidation
{
    /// <exception cref="KmsException">ValidationException naming every violation, in model order.</exception>
    public static void Check(object request, string region)
    {
        var violations = new Violations();
        CheckModelled(request, ref violations, region);
        if (violations.Count > 0)
            throw violations.ToException();
    }

    /// <summary>The violations of <paramref name="request"/> (none for a record that is not a model input).</summary>
    public static Violations Find(object request, string region)
    {
        var violations = new Violations();
        CheckModelled(request, ref violations, region);
        return violations;
    }

    private static readonly ConcurrentDictionary<Type, Func<string, string>> ValueSets = new();

    /// <summary>"[A, B, C]": the values of model enum <paramref name="enumType"/> that <paramref name="region"/> offers.</summary>
    public static string EnumValueSet(Type enumType, string region) =>
        ValueSets.GetOrAdd(enumType, static type => typeof(ModelEnum<>).MakeGenericType(type).GetMethod(nameof(ModelEnum<KeySpec>.ValueSet))!
            .CreateDelegate<Func<string, string>>())(region);
}
