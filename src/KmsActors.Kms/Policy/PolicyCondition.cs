using System.Globalization;
using System.Net;

namespace KmsActors.Kms.Policy;

/// <summary>
/// One condition of a statement: an operator, a condition key and the policy's values for it, with the values parsed
/// once for the operator's family (globs compiled, numbers and dates read). The values of one condition are OR'ed
/// (NOR for the negated operators); the conditions of one statement are AND'ed. See docs/access-control.md.
/// </summary>
public sealed partial class PolicyCondition
{
    private readonly ConditionOperator _op;
    private readonly CompiledValue[] _values;

    internal PolicyCondition(ConditionOperator op, string key, IReadOnlyList<string> values, bool variables)
    {
        _op = op;
        Key = key;
        Values = values;
        _values = new CompiledValue[values.Count];
        for (var i = 0; i < values.Count; i++)
            _values[i] = Compile(op.Family, values[i], variables);
    }

    /// <summary>The operator as written, e.g. <c>ForAnyValue:StringEquals</c>.</summary>
    public string Operator => _op.Name;

    /// <summary>The condition key as written, e.g. <c>kms:EncryptionContext:Department</c> (compared case-insensitively).</summary>
    public string Key { get; }

    /// <summary>The policy's values as text (JSON numbers and booleans as written).</summary>
    public IReadOnlyList<string> Values { get; }

    private readonly struct CompiledValue
    {
        public required string Text { get; init; }
        public bool HasVariables { get; init; }
        public WildcardPattern? Pattern { get; init; }
        public WildcardPattern[]? ArnParts { get; init; }
        public double Number { get; init; }
        public long DateTicks { get; init; }
        public IPNetwork? Network { get; init; }
        /// <summary>False when the text cannot be read for the family (a date that is no date): it then never matches.</summary>
        public bool Valid { get; init; }
    }

    private static CompiledValue Compile(ConditionFamily family, string text, bool variables)
    {
        var hasVariables = variables && PolicyVariables.HasVariables(text) && family is ConditionFamily.String or ConditionFamily.StringIgnoreCase
            or ConditionFamily.StringLike or ConditionFamily.Arn;
        if (hasVariables)
            return new CompiledValue { Text = text, HasVariables = true, Valid = true };
        switch (family)
        {
            case ConditionFamily.StringLike:
                return new CompiledValue { Text = text, Pattern = new WildcardPattern(text, ignoreCase: false), Valid = true };
            case ConditionFamily.Arn:
                var parts = SplitArn(text);
                return new CompiledValue
                {
                    Text = text, Valid = parts is not null,
                    ArnParts = parts?.Select(p => new WildcardPattern(p, ignoreCase: false)).ToArray(),
                };
            case ConditionFamily.Numeric:
                var isNumber = TryNumber(text, out var number);
                return new CompiledValue { Text = text, Number = number, Valid = isNumber };
            case ConditionFamily.Date:
                var isDate = TryDate(text, out var ticks);
                return new CompiledValue { Text = text, DateTicks = ticks, Valid = isDate };
            case ConditionFamily.IpAddress:
                var isNetwork = TryNetwork(text, out var network);
                return new CompiledValue { Text = text, Network = network, Valid = isNetwork };
            default:
                return new CompiledValue { Text = text, Valid = true };
        }
    }

    internal static bool TryNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    /// <summary>IAM reads dates as ISO 8601 (W3C) or as epoch seconds, in the policy and in the request alike.</summary>
    internal static bool TryDate(string text, out long utcTicks)
    {
        utcTicks = 0;
        if (TryUtcTimestamp(text, out utcTicks))
            return true;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            if (seconds < -62135596800L || seconds > 253402300799L)
                return false;
            utcTicks = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcTicks;
            return true;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fractional) && Math.Abs(fractional) < 253402300799d)
        {
            utcTicks = DateTimeOffset.UnixEpoch.UtcTicks + (long)(fractional * TimeSpan.TicksPerSecond);
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            utcTicks = date.UtcTicks;
            return true;
        }
        return false;
    }

    /// <summary>The common "yyyy-MM-ddTHH:mm:ssZ" (what aws:CurrentTime holds) read without the general parser.</summary>
    private static bool TryUtcTimestamp(string text, out long utcTicks)
    {
        utcTicks = 0;
        if (text.Length != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
            return false;
        if (!TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        utcTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks;
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
                return false;
            value = value * 10 + digit;
        }
        return true;
    }

    private static bool TryNetwork(string text, out IPNetwork network)
    {
        if (IPNetwork.TryParse(text, out network))
            return true;
        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return false;
    }

    /// <summary>The six colon-separated parts of an ARN (the last keeps its colons), or null for text that is no ARN.</summary>
    internal static string[]? SplitArn(string text)
    {
        var parts = text.Split(':', 6);
        return parts.Length == 6 && parts[0] is "arn" or "*" ? parts : text == "*" ? ["*", "*", "*", "*", "*", "*"] : null;
    }

    public override string ToString() => $"{Operator} {Key} [{string.Join(", ", Values)}]";
}
