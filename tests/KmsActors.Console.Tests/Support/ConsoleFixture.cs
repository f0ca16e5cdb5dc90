namespace KmsActors.Console.Tests.Support;

/// <summary>One server and one browser for a test class (starting Chromium costs about a second): tests of a class
/// share them, so each test makes its own keys and never relies on another test's.</summary>
public class ConsoleFixture : IAsyncLifetime
{
    public ConsoleServer Server { get; private set; } = null!;

    public Browser Browser { get; private set; } = null!;

    /// <summary>The server's extra command-line arguments; none here.</summary>
    protected virtual string[] ServerArguments => [];

    public virtual async Task InitializeAsync()
    {
        Server = await ConsoleServer.StartAsync(ServerArguments);
        Browser = new Browser();
    }

    public virtual async Task DisposeAsync()
    {
        Browser?.Dispose();
        if (Server is not null)
            await Server.DisposeAsync();
    }
}
