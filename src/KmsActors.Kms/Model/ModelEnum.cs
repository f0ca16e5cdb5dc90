using System.Collections.Frozen;

namespace KmsActors.Kms.Model;

/// <summary>The values of a model enum in model order, and which of them a region offers: the SM2 values (SM2, SM2PKE,
/// SM2DSA) exist only in the China regions, so elsewhere they are not in the enum's value set (docs/validation.md).</summary>
public static class ModelEnum<T> where T : struct, Enum
{
    private static readonly T[] Values = Enum.GetValues<T>();
    private static readonly FrozenSet<T> ChinaOnly = Values.Where(value => value.ToString().StartsWith("SM2", StringComparison.Ordinal)).ToFrozenSet();
    private static readonly FrozenSet<T> All = Values.ToFrozenSet();
    private static readonly string ChinaValueSet = "[" + string.Join(", ", Values) + "]";
    private static readonly string OtherValueSet = "[" + string.Join(", ", Values.Where(value => !ChinaOnly.Contains(value))) + "]";

    /// <summary>True when <paramref name="value"/> is a value of the enum that <paramref name="region"/> offers.</summary>
    public static bool IsOffered(T value, string region) =>
        All.Contains(value) && (ChinaOnly.Count == 0 || !ChinaOnly.Contains(value) || AwsPartition.IsChina(region));

    /// <summary>"[A, B, C]": the values <paramref name="region"/> offers, in model order, as AWS's messages list them.</summary>
    public static string ValueSet(string region) => AwsPartition.IsChina(region) ? ChinaValueSet : OtherValueSet;
}
