using System.Globalization;

namespace KmsActors.Console.Infrastructure.Material;

/// <summary>How the material pages write times: UTC throughout (the expiry picker is labelled UTC), and the seconds
/// left until a ValidTo, as the countdown starts from without JavaScript.</summary>
public static class MaterialTimes
{
    /// <summary>ImportKeyMaterial's ValidTo may be at most 365 days ahead (docs/byok.md).</summary>
    public const int MaxValidToDays = 365;

    /// <summary>"2026-12-06 14:05:00 UTC".</summary>
    public static string Display(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>ISO 8601 with Z, for data attributes the countdown script reads.</summary>
    public static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The value format of &lt;input type="datetime-local"&gt; (minutes), read as UTC.</summary>
    public static string Local(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A datetime-local value ("2027-01-31T12:00" or with seconds) as a UTC instant; null when unreadable.</summary>
    public static DateTimeOffset? ParseLocal(string? value) =>
        DateTime.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFF"], CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc))
            : null;

    public static long SecondsLeft(DateTimeOffset validTo, DateTimeOffset now) => Math.Max(0, (long)Math.Floor((validTo - now).TotalSeconds));

    /// <summary>"29 days 23:59:58" — the same text the script writes every second.</summary>
    public static string Countdown(long seconds)
    {
        var days = seconds / 86400;
        var rest = TimeSpan.FromSeconds(seconds % 86400);
        var clock = rest.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
        return days switch { 0 => clock, 1 => $"1 day {clock}", _ => $"{days} days {clock}" };
    }
}
