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
    public void an_unknown_flag_is_refused_with_the_list_of_flags()
    {
        var error = Assert.Throws<ArgumentException>(() => ServerOptions.Parse(["--debug"]));
        Assert.Contains("--port N", error.Message);
    }
}
