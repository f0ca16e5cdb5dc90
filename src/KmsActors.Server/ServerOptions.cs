namespace KmsActors.Server;

/// <summary>The server's command line: --port N, --data-dir DIR, --config FILE.conf, --in-memory, --verbose, --no-console, plus --kms.*=value switches.</summary>
public sealed record ServerOptions(int Port, string? DataDir, string? ConfigFile, bool InMemory, IReadOnlyList<string> Switches)
{
    /// <summary>--verbose: log at Information, every request included (ASP.NET Core's request lines, the actor system's
    /// info). Without it the server writes one line at start, then warnings and errors only.</summary>
    public bool Verbose { get; init; }

    /// <summary>--no-console: serve only the KMS API and /health, not the web console at /console (docs/console.md).</summary>
    public bool NoConsole { get; init; }

    public const int DefaultPort = 4599;

    public static ServerOptions Parse(string[] args)
    {
        int port = DefaultPort;
        string? dataDir = null, configFile = null;
        bool inMemory = false, verbose = false, noConsole = false;
        var switches = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--port": port = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--data-dir": dataDir = Value(); break;
                case "--config": configFile = Value(); break;
                case "--in-memory": inMemory = true; break;
                case "--verbose": verbose = true; break;
                case "--no-console": noConsole = true; break;
                default:
                    if (args[i].StartsWith("--kms.", StringComparison.Ordinal) || args[i].StartsWith("--akka.", StringComparison.Ordinal))
                        switches.Add(args[i]);
                    else
                        throw new ArgumentException($"Unknown option '{args[i]}'. Options: --port N, --data-dir DIR, --config FILE.conf, --in-memory, --verbose, --no-console, --kms.<setting>=<value>.");
                    break;
            }
        }
        if (dataDir is not null)
            switches.Insert(0, $"--kms.data-dir={dataDir}");
        if (inMemory)
            switches.Insert(0, "--kms.journal.provider=inmem");
        return new ServerOptions(port, dataDir, configFile, inMemory, switches) { Verbose = verbose, NoConsole = noConsole };
    }
}
