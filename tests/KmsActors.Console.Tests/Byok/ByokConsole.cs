using KmsActors.Console.Tests.Support;

namespace KmsActors.Console.Tests.Byok;

/// <summary>The BYOK test classes share one server and one browser (a start costs a server and a Chromium): each test
/// makes its own keys. The server runs on virtual time, so a test may move the engine's clock (an import token's 24
/// hours); tests take "now" from the engine (<see cref="VirtualTimeConsoleFixture.Scheduler"/>), never the machine.</summary>
[CollectionDefinition(Name)]
public sealed class ByokConsole : ICollectionFixture<VirtualTimeConsoleFixture>
{
    public const string Name = "BYOK console";
}
