using KmsActors.Kms.Model;
using System.Text.RegularExpressions;

namespace KmsActors.Kms.Regions;

/// <summary>KMS ARNs: <c>arn:&lt;partition&gt;:kms:&lt;region&gt;:&lt;account&gt;:key/&lt;key-id&gt;</c> and
/// <c>…:alias/&lt;name&gt;</c> (docs/identifiers.md).</summary>
internal static partial class KmsArn
{
    /// <summary>The ARN partition of a region (<see cref="AwsPartition"/>).</summary>
    public static string Partition(string region) => AwsPartition.Of(region);

    public static string Key(string accountId, string region, string keyId) =>
        $"arn:{Partition(region)}:kms:{region}:{accountId}:key/{keyId}";

    /// <summary><paramref name="aliasName"/> includes its "alias/" prefix.</summary>
    public static string Alias(string accountId, string region, string aliasName) =>
        $"arn:{Partition(region)}:kms:{region}:{accountId}:{aliasName}";

    /// <summary>Splits a KMS key or alias ARN; false when it is not one.</summary>
    public static bool TryParse(string arn, out ParsedArn parsed)
    {
        parsed = default;
        var match = ArnPattern().Match(arn);
        if (!match.Success)
            return false;
        parsed = new ParsedArn(match.Groups["partition"].Value, match.Groups["region"].Value, match.Groups["account"].Value,
            match.Groups["type"].Value, match.Groups["id"].Value);
        return parsed.Partition == Partition(parsed.Region);
    }

    /// <summary>The account of an ARN, or null when it is not a KMS ARN.</summary>
    public static string? AccountOf(string arn) => TryParse(arn, out var parsed) ? parsed.AccountId : null;

    /// <summary>A key ID KMS would issue: a UUID, or "mrk-" and 32 lower-case hex digits for multi-Region keys (docs/identifiers.md).</summary>
    public static bool IsWellFormedKeyId(string keyId) =>
        keyId.StartsWith("mrk-", StringComparison.Ordinal)
            ? MrkPattern().IsMatch(keyId)
            : keyId.Length == 36 && Guid.TryParseExact(keyId, "D", out _);

    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):kms:(?<region>([a-z]+-){2,3}\d+):(?<account>\d{12}):(?<type>key|alias)/(?<id>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ArnPattern();

    [GeneratedRegex("^mrk-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex MrkPattern();
}

/// <summary>The parts of a KMS ARN; <see cref="ResourceId"/> is the key ID, or the alias name without "alias/".</summary>
internal readonly record struct ParsedArn(string Partition, string Region, string AccountId, string ResourceType, string ResourceId)
{
    public bool IsAlias => ResourceType == "alias";
    /// <summary>"alias/&lt;name&gt;" for alias ARNs.</summary>
    public string AliasName => "alias/" + ResourceId;
}
