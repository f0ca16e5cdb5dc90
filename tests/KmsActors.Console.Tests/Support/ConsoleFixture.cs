namespace KmsActors.Console.Tests.Support;

/// <summary>One server and one browser for a test class (starting Chromium costs about a second): tests of a class
/// share them, so each test makes its own keys and never relies on another test's.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public ConsoleServer Server { get; private set; } = null!;

    public Browser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ConsoleServer.StartAsync();
        Browser = new Browser();
    }

    public async Task DisposeAsync()
    {
        Browser?.Dispose();
        if (Server is not null)
            await Server.DisposeAsync();
    }
}
