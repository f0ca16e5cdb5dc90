namespace KmsActors.Server;

/// <summary>The server's command line (<see cref="ServerFlags.All"/> lists the flags): --port N, --data-dir DIR,
/// --config FILE.conf, --in-memory, --verbose, --no-console, --kms.*=value and --akka.*=value switches, --print-reference, --help, --version.</summary>
public sealed record ServerOptions(int Port, string? DataDir, string? ConfigFile, bool InMemory, IReadOnlyList<string> Switches)
{
    /// <summary>--verbose: log at Information, every request included (ASP.NET Core's request lines, the actor system's
    /// info). Without it the server writes one line at start, then warnings and errors only.</summary>
    public bool Verbose { get; init; }

    /// <summary>--no-console: serve only the KMS API and /health, not the web console at /console (docs/console.md).</summary>
    public bool NoConsole { get; init; }

    /// <summary>--help (or -h): print the help instead of starting.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>--version: print the version instead of starting.</summary>
    public bool ShowVersion { get; init; }

    /// <summary>--print-reference: print the shipped hocon/reference.conf (every kms.* setting, its default and what it
    /// does) instead of starting.</summary>
    public bool ShowReference { get; init; }

    public const int DefaultPort = 4599;

    /// <summary>Reads the command line; --data-dir and --in-memory become the kms.* switches they stand for, ahead of
    /// the explicit ones.</summary>
    /// <exception cref="ServerUsageException">An unknown flag, a flag without its value or a bad value.</exception>
    public static ServerOptions Parse(string[] args)
    {
        var options = new ServerOptions(DefaultPort, null, null, false, []);
        for (var i = 0; i < args.Length; i++)
        {
            var flag = ServerFlags.Find(args[i]) ?? throw new ServerUsageException($"Unknown option '{args[i]}'.");
            var value = flag.IsPrefix ? args[i]
                : !flag.TakesValue ? ""
                : i + 1 < args.Length ? args[++i]
                : throw new ServerUsageException($"{flag.Name} needs a value: {flag.Usage}.");
            options = flag.Apply(options, value);
        }
        var implied = new List<string>();
        if (options.InMemory)
            implied.Add("--kms.journal.provider=inmem");
        if (options.DataDir is not null)
            implied.Add($"--kms.data-dir={options.DataDir}");
        return implied.Count == 0 ? options : options with { Switches = [.. implied, .. options.Switches] };
    }
}
