namespace KmsActors.CrashHarness;

/// <summary>Writes <see cref="AckLine"/>s to stdout. Console.Out is synchronized and flushes every line, so a line is in
/// the pipe (and survives SIGKILL) before the worker goes on; Akka's own log lines never interleave with it. A long line
/// may still be cut by a SIGKILL (more than one write): <see cref="AckLine.End"/> tells a whole line from a piece.</summary>
internal sealed class AckLog(TextWriter output)
{
    public void Write(AckLine line) => output.WriteLine(line.Format());
}
