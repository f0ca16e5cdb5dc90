using System.Diagnostics;

namespace KmsActors.TestKit.PostgreSql;

/// <summary>
/// Finds PostgreSQL's server binaries (initdb, pg_ctl) and runs them, as the <c>postgres</c> user when this
/// process is root (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PostgresBinaries
{
    private static readonly string[] Candidates = ["/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"];

    private PostgresBinaries(string directory) => Directory = directory;

    /// <summary>The folder holding initdb and pg_ctl.</summary>
    public string Directory { get; }

    public static bool RunsAsRoot => Environment.UserName == "root";

    /// <summary>The binaries, or null with the reason they cannot be used here (tests print it when they skip).</summary>
    public static PostgresBinaries? Find(out string reason)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        var fromEnvironment = Environment.GetEnvironmentVariable("KMS_POSTGRES_BIN");
        var directory = new[] { fromEnvironment }.Concat(Candidates).Concat(path)
            .FirstOrDefault(d => !string.IsNullOrEmpty(d) && File.Exists(System.IO.Path.Combine(d, "initdb")) && File.Exists(System.IO.Path.Combine(d, "pg_ctl")));
        if (directory is null)
        {
            reason = $"No PostgreSQL server binaries (initdb, pg_ctl) in KMS_POSTGRES_BIN, {string.Join(", ", Candidates)} or PATH; install postgresql-15.";
            return null;
        }
        if (RunsAsRoot && !File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal)))
        {
            reason = "Running as root and there is no 'postgres' user to run the PostgreSQL server as.";
            return null;
        }
        reason = "";
        return new PostgresBinaries(directory!);
    }

    /// <summary>Runs a server binary to completion; throws with its output when it fails.</summary>
    public string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (RunsAsRoot)
        {
            start.FileName = "runuser";
            foreach (var argument in new[] { "-u", "postgres", "--" })
                start.ArgumentList.Add(argument);
            start.ArgumentList.Add(System.IO.Path.Combine(Directory, tool));
        }
        else
        {
            start.FileName = System.IO.Path.Combine(Directory, tool);
        }
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        // Read both streams concurrently: pg_ctl's children inherit them, so waiting on one alone can hang.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish in 2 minutes.");
        }
        var text = output.GetAwaiter().GetResult() + error.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {text}");
        return text;
    }
}
