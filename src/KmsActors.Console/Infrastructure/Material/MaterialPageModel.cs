using Akka.Actor;
using KmsActors.Console.Live;

namespace KmsActors.Console.Infrastructure.Material;

/// <summary>
/// A page of a key's imported material (docs/console.md, docs/byok.md): a key tab like the others (the shared key
/// header, Pages/Keys/_KeyHeader.cshtml, with its actions), plus the engine's "now" — read from the actor system's
/// scheduler, so a server on virtual time (tests) shows the countdowns the engine's clock gives.
/// </summary>
public abstract class MaterialPageModel(ConsoleContext console, ActorSystem system) : KeyDetailPageModel(console)
{
    /// <summary>The engine's clock at render time (UTC).</summary>
    public DateTimeOffset Now { get; private set; }

    public string Link(string path) => Console.Link(path);

    public string MaterialPath => $"/console/keys/{Uri.EscapeDataString(KeyId)}/material";

    /// <summary>DescribeKey (and ListAliases for the header); false with <see cref="ConsolePageModel.Error"/> when refused.</summary>
    protected Task<bool> LoadKey(CancellationToken ct)
    {
        Now = EngineNow.Of(system).ToUniversalTime();
        return LoadAsync(ct);
    }
}
