using KmsActors.Server;

namespace KmsActors.Server.Tests;

public sealed class ServerOptionsTests
{
    [Fact]
    public void no_flags_mean_port_4599_and_the_configured_journal()
    {
        var options = ServerOptions.Parse([]);
        Assert.Equal(4599, options.Port);
        Assert.False(options.InMemory);
        Assert.Empty(options.Switches);
        Assert.False(options.Verbose);
    }

    [Fact]
    public void verbose_turns_request_logging_on_and_changes_no_kms_setting()
    {
        var options = ServerOptions.Parse(["--verbose"]);
        Assert.True(options.Verbose);
        Assert.Empty(options.Switches);
    }

    [Fact]
    public void data_dir_and_in_memory_become_kms_switches_that_override_configuration()
    {
        var options = ServerOptions.Parse(["--port", "5000", "--data-dir", "/tmp/k", "--in-memory", "--kms.account-id=000000000001"]);
        Assert.Equal(5000, options.Port);
        Assert.Equal(["--kms.journal.provider=inmem", "--kms.data-dir=/tmp/k", "--kms.account-id=000000000001"], options.Switches);
    }

    [Fact]
    public void no_console_turns_the_web_console_off_and_changes_no_kms_setting()
    {
        var options = ServerOptions.Parse(["--no-console"]);
        Assert.True(options.NoConsole);
        Assert.Empty(options.Switches);
        Assert.False(ServerOptions.Parse([]).NoConsole);
    }

    [Fact]
    public void an_unknown_flag_is_refused_by_name()
    {
        var error = Assert.Throws<ServerUsageException>(() => ServerOptions.Parse(["--port", "5000", "--debug"]));
        Assert.Equal("Unknown option '--debug'.", error.Message);
    }

    [Fact]
    public void a_flag_without_its_value_is_refused_with_its_usage()
    {
        var error = Assert.Throws<ServerUsageException>(() => ServerOptions.Parse(["--data-dir"]));
        Assert.Equal("--data-dir needs a value: --data-dir DIR.", error.Message);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("-1")]
    [InlineData("65536")]
    public void a_port_that_is_not_a_port_number_is_refused(string port)
    {
        var error = Assert.Throws<ServerUsageException>(() => ServerOptions.Parse(["--port", port]));
        Assert.Equal($"--port needs a port number from 0 to 65535, not '{port}'.", error.Message);
    }

    [Fact]
    public void kms_and_akka_switches_keep_their_order_after_the_implied_ones()
    {
        var options = ServerOptions.Parse(["--akka.loglevel=DEBUG", "--in-memory", "--kms.default-region=eu-west-1"]);
        Assert.Equal(["--kms.journal.provider=inmem", "--akka.loglevel=DEBUG", "--kms.default-region=eu-west-1"], options.Switches);
    }

    [Fact]
    public void a_bare_prefix_is_not_a_setting()
    {
        var error = Assert.Throws<ServerUsageException>(() => ServerOptions.Parse(["--kms."]));
        Assert.Equal("Unknown option '--kms.'.", error.Message);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void help_and_its_short_form_ask_for_the_help(string flag)
    {
        var options = ServerOptions.Parse([flag]);
        Assert.True(options.ShowHelp);
        Assert.False(options.ShowVersion);
    }
}
