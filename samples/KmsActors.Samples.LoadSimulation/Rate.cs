using System.Globalization;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>A rate such as "2/s", "30/m", "100/h" or "500/d" (events per second, minute, hour, day).</summary>
public readonly record struct Rate(double PerSecond)
{
    public static Rate Parse(string text)
    {
        var parts = text.Split('/', 2);
        var count = double.Parse(parts[0], CultureInfo.InvariantCulture);
        var unit = parts.Length == 1 ? "s" : parts[1];
        var seconds = unit switch
        {
            "s" => 1.0, "m" => 60.0, "h" => 3600.0, "d" => 86400.0,
            _ => throw new FormatException($"'{text}': a rate is N/s, N/m, N/h or N/d."),
        };
        return new Rate(count / seconds);
    }

    public override string ToString() => PerSecond >= 1 || PerSecond == 0
        ? $"{PerSecond.ToString("0.##", CultureInfo.InvariantCulture)}/s"
        : $"{(PerSecond * 86400).ToString("0.##", CultureInfo.InvariantCulture)}/d";
}
