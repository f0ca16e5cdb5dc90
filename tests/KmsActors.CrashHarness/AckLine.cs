namespace KmsActors.CrashHarness;

/// <summary>
/// One line of the harness's stdout, tab-separated: <c>READY run</c>; <c>BEGIN worker op key args…</c> before a call;
/// <c>ACK worker op key args…</c> only after the call returned success; <c>ERROR worker text</c> for a call that
/// failed although the worker's view of the key said it must succeed. <see cref="Key"/> is "-" until CreateKey answers.
/// </summary>
public sealed record AckLine(string Kind, int Worker, string Op, string Key, IReadOnlyList<string> Args)
{
    public const string Ready = "READY";
    public const string Begin = "BEGIN";
    public const string Ack = "ACK";
    public const string Error = "ERROR";

    public string Format() => string.Join('\t', [Kind, Worker.ToString(System.Globalization.CultureInfo.InvariantCulture), Op, Key, .. Args]);

    /// <summary>The line, or null for anything else the process printed (logs).</summary>
    public static AckLine? Parse(string line)
    {
        var parts = line.Split('\t');
        if (parts.Length < 4 || parts[0] is not (Ready or Begin or Ack or Error)
            || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var worker))
            return null;
        return new AckLine(parts[0], worker, parts[2], parts[3], parts[4..]);
    }
}
