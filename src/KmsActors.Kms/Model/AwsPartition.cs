namespace KmsActors.Kms.Model;

/// <summary>The AWS partition of a region, the one place that decides it (docs/identifiers.md): <c>aws-cn</c> for the
/// China regions (cn-*), <c>aws-us-gov</c> for AWS GovCloud (us-gov-*), <c>aws</c> elsewhere.</summary>
public static class AwsPartition
{
    public const string Aws = "aws";
    public const string China = "aws-cn";
    public const string GovCloud = "aws-us-gov";

    public static string Of(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? China
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? GovCloud
        : Aws;

    /// <summary>SM2 (key spec, wrapping key spec, SM2PKE, SM2DSA) is offered only in the China regions.</summary>
    public static bool IsChina(string region) => region.StartsWith("cn-", StringComparison.Ordinal);
}
