namespace KmsActors.Packaging.Tests.Support;

/// <summary>What a finished command printed and returned.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output, string Error, TimeSpan Duration)
{
    /// <summary>Everything about the run, for an assertion's message.</summary>
    public override string ToString() =>
        $"`{Command}` exited {ExitCode} after {Duration.TotalSeconds:F1} s\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";

    /// <summary>This result, after failing the test with all of it when the command did not exit 0.</summary>
    public CommandResult Succeeded()
    {
        Assert.True(ExitCode == 0, ToString());
        return this;
    }
}
