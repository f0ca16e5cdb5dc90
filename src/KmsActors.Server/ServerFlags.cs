using System.Globalization;

namespace KmsActors.Server;

/// <summary>
/// The server's flags, in the order --help lists them. The parser, --help and the short usage printed for a wrong
/// flag all read this table, so they cannot disagree.
/// </summary>
public static class ServerFlags
{
    public static IReadOnlyList<ServerFlag> All { get; } =
    [
        new("--port", "N", $"Port to listen on, on 127.0.0.1 (default {ServerOptions.DefaultPort}); 0 picks a free one, named in the start line.",
            (o, v) => o with { Port = ParsePort(v) }),
        new("--data-dir", "DIR", "Where the journal and the sealed key material live (kms.data-dir; default ./kms-data).",
            (o, v) => o with { DataDir = v }),
        new("--config", "FILE.conf", "A HOCON file of settings over the defaults (every kms.* setting: --print-reference).",
            (o, v) => o with { ConfigFile = v }),
        new("--in-memory", null, "Keep nothing on disk (kms.journal.provider=inmem): the keys live as long as the process.",
            (o, _) => o with { InMemory = true }),
        new("--verbose", null, "Log at Information, every request included (default: one line at start, then warnings and errors).",
            (o, _) => o with { Verbose = true }),
        new("--no-console", null, "Serve only the KMS API and /health, not the web console at /console.",
            (o, _) => o with { NoConsole = true }),
        new("--kms.", "<setting>=<value>", "Any kms.* setting, e.g. --kms.account-id=111122223333; wins over --config and KMS__* variables.",
            (o, argument) => o with { Switches = [.. o.Switches, argument] }),
        new("--akka.", "<setting>=<value>", "Any Akka.NET setting, e.g. --akka.loglevel=DEBUG.",
            (o, argument) => o with { Switches = [.. o.Switches, argument] }),
        new("--print-reference", null, "Print the reference configuration (every kms.* setting, its default and what it does) and exit.",
            (o, _) => o with { ShowReference = true }),
        new("--version", null, "Print the version and exit.", (o, _) => o with { ShowVersion = true }),
        new("--help", null, "Print this help and exit.", (o, _) => o with { ShowHelp = true }) { Alias = "-h" },
    ];

    /// <summary>The flag <paramref name="argument"/> is, or null.</summary>
    public static ServerFlag? Find(string argument) => All.FirstOrDefault(flag => flag.Matches(argument));

    private static int ParsePort(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new ServerUsageException($"--port needs a port number from 0 to 65535, not '{value}'.");
}
