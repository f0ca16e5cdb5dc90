using System.Text;

namespace KmsActors.CrashHarness;

/// <summary>
/// Writes <see cref="AckLine"/>s to stdout, each in a single write to the raw standard output: a pipe takes a write of
/// up to PIPE_BUF bytes (4,096 on Linux) whole or not at all, so a SIGKILL can no longer leave the start of a line
/// (Console.Out's writer flushed a line longer than its 256-character buffer in two writes, and an ACK with its
/// ciphertext is 200–320 characters). The write holds Console.Out's own lock (its synchronized writer locks on itself),
/// so Akka's log lines, written through Console.Out, never interleave with one. A line is in the pipe, and survives
/// SIGKILL, before the worker goes on. <see cref="AckLine.End"/> still tells a whole line from a piece, for a line
/// longer than PIPE_BUF (an error's message).
/// </summary>
public sealed class AckLog(TextWriter console, Stream stdout)
{
    /// <summary>Over the process's standard output.</summary>
    public static AckLog StandardOutput() => new(Console.Out, Console.OpenStandardOutput());

    public void Write(AckLine line)
    {
        var bytes = Encoding.UTF8.GetBytes(line.Format() + "\n");
        lock (console)
        {
            console.Flush();
            stdout.Write(bytes);
        }
    }
}
