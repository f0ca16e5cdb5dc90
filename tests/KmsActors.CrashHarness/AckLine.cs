namespace KmsActors.CrashHarness;

/// <summary>
/// One line of the harness's stdout, tab-separated: <c>READY run</c>; <c>BEGIN worker op key args…</c> before a call;
/// <c>ACK worker op key args…</c> only after the call returned success; <c>ERROR worker text</c> for a call that
/// failed although the worker's view of the key said it must succeed. <see cref="Key"/> is "-" until CreateKey answers.
/// Every line ends with the field <see cref="End"/>: a line longer than the console writer's buffer (an Encrypt's ACK
/// with its ciphertext) reaches the pipe in more than one write, and a SIGKILL between them leaves the start of a line.
/// Such a piece is no record (its call counts as in flight, by its BEGIN): read as one, a cut ciphertext that still
/// decoded as base64 failed the crash test with InvalidCiphertextException now and then.
/// </summary>
public sealed record AckLine(string Kind, int Worker, string Op, string Key, IReadOnlyList<string> Args)
{
    public const string Ready = "READY";
    public const string Begin = "BEGIN";
    public const string Ack = "ACK";
    public const string Error = "ERROR";

    /// <summary>The last field of every complete line.</summary>
    public const string End = ".";

    public string Format() => string.Join('\t', [Kind, Worker.ToString(System.Globalization.CultureInfo.InvariantCulture), Op, Key, .. Args, End]);

    /// <summary>The line, or null for anything else the process printed (logs) and for the start of a line cut short.</summary>
    public static AckLine? Parse(string line)
    {
        var parts = line.Split('\t');
        if (parts.Length < 5 || parts[^1] != End || parts[0] is not (Ready or Begin or Ack or Error)
            || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var worker))
            return null;
        return new AckLine(parts[0], worker, parts[2], parts[3], parts[4..^1]);
    }
}
