using System.Reflection;
using KmsActors.Server;

namespace KmsActors.Server.Tests;

/// <summary>What kmsactors answers without starting: --help, --version and a command line it cannot run with.</summary>
public sealed class ServerCommandLineTests
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private int? Answer(params string[] args) => ServerCommandLine.Answer(args, _output, _error);

    [Fact]
    public void help_lists_every_flag_of_the_table_with_its_description()
    {
        Assert.Equal(0, Answer("--help"));
        var help = _output.ToString();
        Assert.All(ServerFlags.All, flag => Assert.Contains($"  {flag.Usage} ", help));
        Assert.All(ServerFlags.All, flag => Assert.Contains(flag.Help, help));
        Assert.Contains("--kms.<setting>=<value>", help);
        Assert.Empty(_error.ToString());
    }

    [Fact]
    public void help_shows_examples_of_the_flags_and_of_a_kms_setting()
    {
        Answer("-h");
        var help = _output.ToString();
        Assert.Contains("Examples:", help);
        Assert.Contains("  kmsactors --port 0 --in-memory\n", help);
        Assert.Contains("--kms.account-id=444455556666 --kms.default-region=eu-west-1", help);
        Assert.Contains("KMS__ACCOUNT_ID", help);
    }

    [Fact]
    public void version_prints_the_assemblys_informational_version()
    {
        Assert.Equal(0, Answer("--version"));
        var informational = typeof(ServerCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(informational + Environment.NewLine, _output.ToString());
        Assert.Matches(@"^\d+\.\d+\.\d+", informational);
    }

    [Fact]
    public void print_reference_prints_the_shipped_reference_configuration_with_its_comments()
    {
        Assert.Equal(0, Answer("--print-reference"));
        var printed = _output.ToString();
        var shipped = File.ReadAllText(Path.Combine(RepositoryRoot(), "hocon", "reference.conf"));
        Assert.Equal(shipped, printed);
        Assert.Contains("passivate-after", printed);
        Assert.Empty(_error.ToString());
    }

    [Fact]
    public void help_names_print_reference_as_where_every_setting_is()
    {
        Answer("--help");
        Assert.Contains("kmsactors --print-reference", _output.ToString());
        Assert.DoesNotContain("hocon/reference.conf", _output.ToString());
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KmsActors.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("KmsActors.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void an_unknown_flag_prints_the_short_usage_to_stderr_with_exit_code_2()
    {
        Assert.Equal(2, Answer("--in-memory", "--debug"));
        Assert.Empty(_output.ToString());
        var lines = _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["kmsactors: Unknown option '--debug'.", ServerCommandLine.UsageLine, "Run 'kmsactors --help' for what each option does, with examples."], lines);
    }

    [Fact]
    public void the_usage_line_names_every_flag()
    {
        Assert.All(ServerFlags.All, flag => Assert.Contains($"[{flag.Usage}", ServerCommandLine.UsageLine));
    }

    [Fact]
    public void flags_that_start_the_server_are_not_answered_here()
    {
        Assert.Null(Answer("--port", "0", "--in-memory", "--kms.account-id=000000000001"));
        Assert.Empty(_output.ToString());
        Assert.Empty(_error.ToString());
    }
}
