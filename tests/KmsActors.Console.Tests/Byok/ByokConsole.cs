using KmsActors.Console.Tests.Support;

namespace KmsActors.Console.Tests.Byok;

/// <summary>The BYOK test classes share one server and one browser (a start costs a server and a Chromium): each test
/// makes its own keys.</summary>
[CollectionDefinition(Name)]
public sealed class ByokConsole : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "BYOK console";
}
