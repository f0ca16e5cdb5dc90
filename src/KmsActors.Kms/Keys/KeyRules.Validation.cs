using System.Collections.Immutable;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// The checks of a request beyond the AWS model's constraints (which RequestValidation makes before a call reaches a
// key: docs/validation.md), in AWS's wording: "1 validation error detected: Value null at 'ciphertextBlob' failed to
// satisfy constraint: Member must not be null".
public static partial class KeyRules
{
    /// <summary>Throws the ValidationException AWS sends for members it needs although the model leaves them optional
    /// (worded and counted by the model check's own <see cref="Model.Violations"/>).</summary>
    internal static void Require(params ReadOnlySpan<(string Member, object? Value)> members)
    {
        var violations = new Violations();
        foreach (var (member, value) in members)
            violations.Required(value is not null, required: true, PathRef.Root.Member(member));
        if (violations.Count > 0)
            throw violations.ToException();
    }

    /// <summary>As <see cref="Require(ReadOnlySpan{ValueTuple{string, object}})"/> for one member, which is then known present.</summary>
    internal static void Require([System.Diagnostics.CodeAnalysis.NotNull] object? value, string member)
    {
        if (value is not null)
            return;
        var violations = new Violations();
        violations.Required(false, required: true, PathRef.Root.Member(member));
        throw violations.ToException();
    }

    internal static KmsException Violation(string member, object? value, string constraint)
    {
        var violations = new Violations();
        violations.Add($"Value '{value}'", PathRef.Root.Member(member), constraint);
        return violations.ToException();
    }

    /// <summary>AWS: a KMS key holds at most 50 tags.</summary>
    internal const int MaxTagsPerKey = 50;

    /// <summary>
    /// Tag rules beyond the model's lengths (docs/validation.md): "aws:" reserved, no tag key twice in one request (TagException "Duplicate
    /// tag keys"), and for a new key at most 50 tags (TagException "Too many tags"; docs/check-order.md).
    /// </summary>
    internal static void CheckTags(IReadOnlyList<Tag> tags)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i].TagKey!.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                throw new KmsException(KmsErrorCodes.TagException, "Tags beginning with aws: are reserved");
        }
        var keys = new HashSet<string>(tags.Count, StringComparer.Ordinal); // tag keys are case-sensitive
        foreach (var tag in tags)
            if (!keys.Add(tag.TagKey!))
                throw new KmsException(KmsErrorCodes.TagException, "Duplicate tag keys");
        CheckTagCount(tags, ImmutableSortedDictionary<string, string>.Empty);
    }

    /// <summary>TagResource, once the key's state allows it: the key's tags with the request's added (a tag key already
    /// on the key is replaced, not added) must be at most 50.</summary>
    internal static void CheckTagCount(IReadOnlyList<Tag> tags, IReadOnlyDictionary<string, string> existing)
    {
        var added = tags.Select(t => t.TagKey!).Distinct(StringComparer.Ordinal).Count(k => !existing.ContainsKey(k));
        if (existing.Count + added > MaxTagsPerKey)
            throw new KmsException(KmsErrorCodes.TagException, "Too many tags");
    }

    /// <summary>A key policy must be a valid policy document of at most 32 KB (docs/access-control.md: the policy
    /// language and its MalformedPolicyDocumentException / LimitExceededException answers).</summary>
    internal static void CheckPolicy(string policy)
    {
        Policy.PolicyDocument.Parse(policy, Policy.PolicyKind.KeyPolicy);
    }

    /// <summary>Limit/Marker paging shared by the list operations: the marker is the index of the next entry.</summary>
    internal static (int Start, int Count) Page(string operation, int? limit, string? marker, int total)
    {
        var count = PageSize(operation, limit);
        var start = 0;
        if (marker is not null && (!int.TryParse(marker, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out start) || start > total))
            throw new KmsException(KmsErrorCodes.InvalidMarkerException, "Invalid marker");
        return (start, Math.Min(count, total - start));
    }

    /// <summary>The page size of a list call: the caller's Limit up to what the operation's API reference allows (the
    /// model's 1–1000 was checked before), or its documented default (KmsCatalogue.PageOf, docs/validation.md).</summary>
    internal static int PageSize(string operation, int? limit)
    {
        var (max, fallback) = KmsCatalogue.PageOf(operation);
        if (limit > max)
            throw Violation("limit", limit, $"Member must have value less than or equal to {max}");
        return limit ?? fallback;
    }

    internal static string? NextMarker(int start, int count, int total) =>
        start + count < total ? (start + count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
}
