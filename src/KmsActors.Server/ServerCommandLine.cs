using System.Reflection;
using System.Text;
using KmsActors.Kms.Configuration;

namespace KmsActors.Server;

/// <summary>
/// What <c>kmsactors</c> answers without starting the server: --help, --version, --print-reference, and a command line it cannot run
/// with (the message and the short usage on stderr, exit code 2). Program.cs asks it first.
/// </summary>
public static class ServerCommandLine
{
    /// <summary>The command's name, as the dotnet tool installs it (ToolCommandName).</summary>
    public const string Command = "kmsactors";

    /// <summary>The exit code of a command line the server cannot run with (as most Unix tools use for usage errors).</summary>
    public const int UsageExitCode = 2;

    /// <summary>The assembly's informational version: the package version, then +commit when built from git.</summary>
    public static string Version { get; } =
        typeof(ServerCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ServerCommandLine).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The exit code when the command line is answered here (help, version, usage error); null when the server
    /// should start.</summary>
    public static int? Answer(string[] args, TextWriter output, TextWriter error)
    {
        ServerOptions options;
        try
        {
            options = ServerOptions.Parse(args);
        }
        catch (ServerUsageException e)
        {
            error.WriteLine($"{Command}: {e.Message}");
            error.Write(ShortUsage);
            return UsageExitCode;
        }
        if (options.ShowHelp)
        {
            output.Write(Help);
            return 0;
        }
        if (options.ShowVersion)
        {
            output.WriteLine(Version);
            return 0;
        }
        if (options.ShowReference)
        {
            output.Write(KmsConfiguration.ProfileText("reference"));
            return 0;
        }
        return null;
    }

    /// <summary>One line per flag of <see cref="ServerFlags.All"/> (in brackets), then where the rest is.</summary>
    public static string UsageLine =>
        $"Usage: {Command} " + string.Join(' ', ServerFlags.All.Select(flag => flag.IsPrefix ? $"[{flag.Usage} ...]" : $"[{flag.Usage}]"));

    /// <summary>What a wrong command line gets: the usage line and where the full help is.</summary>
    public static string ShortUsage => $"{UsageLine}\nRun '{Command} --help' for what each option does, with examples.\n";

    /// <summary>The full help: what the server is, every flag of <see cref="ServerFlags.All"/>, examples, settings.</summary>
    public static string Help
    {
        get
        {
            var width = ServerFlags.All.Max(flag => flag.Usage.Length) + 2;
            var text = new StringBuilder()
                .AppendLine($"{Command} {Version}: an AWS KMS simulator. AWS JSON 1.1 on http://127.0.0.1:<port>/ for the AWS CLI")
                .AppendLine("and SDKs (X-Amz-Target: TrentService.<Operation>), GET /health answers 200 once it is ready.")
                .AppendLine()
                .AppendLine(UsageLine)
                .AppendLine()
                .AppendLine("Options:");
            foreach (var flag in ServerFlags.All)
                text.AppendLine($"  {flag.Usage.PadRight(width)}{flag.Help}");
            return text
                .AppendLine()
                .AppendLine("Examples:")
                .AppendLine($"  {Command}")
                .AppendLine($"      http://127.0.0.1:{ServerOptions.DefaultPort}, state in ./kms-data (SQLite).")
                .AppendLine($"  {Command} --port 0 --in-memory")
                .AppendLine("      A free port, nothing on disk: for a test run.")
                .AppendLine($"  {Command} --data-dir /var/lib/kms --kms.account-id=444455556666 --kms.default-region=eu-west-1")
                .AppendLine("      Another account and default region; the region of a signed request still wins.")
                .AppendLine($"  {Command} --config kms.conf --kms.server.verify-signatures=on")
                .AppendLine("      Settings from kms.conf (e.g. kms.server.credentials), SigV4 signatures checked.")
                .AppendLine($"  aws kms create-key --origin EXTERNAL --endpoint-url http://127.0.0.1:{ServerOptions.DefaultPort}")
                .AppendLine("      A key waiting for imported material, from the AWS CLI.")
                .AppendLine()
                .AppendLine($"Settings: every kms.* setting, with its default, is in the reference configuration ({Command} --print-reference).")
                .AppendLine("Highest first:")
                .AppendLine("--kms.<setting>=<value> switches, KMS__<SECTION>__<NAME> environment variables (KMS__ACCOUNT_ID,")
                .AppendLine("KMS__JOURNAL__PROVIDER), the --config file, the defaults.")
                .ToString();
        }
    }
}
