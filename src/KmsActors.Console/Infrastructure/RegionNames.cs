using System.Text.RegularExpressions;

namespace KmsActors.Console.Infrastructure;

/// <summary>A region name as AWS writes them (us-east-1, cn-north-1, us-gov-west-1, eu-central-2, …).</summary>
public static partial class RegionNames
{
    public static bool IsPlausible(string region) => Pattern().IsMatch(region);

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex Pattern();
}
