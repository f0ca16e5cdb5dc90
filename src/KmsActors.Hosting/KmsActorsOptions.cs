namespace KmsActors.Hosting;

/// <summary>
/// Where the engine's HOCON comes from when it is hosted. Bound from the host's configuration section
/// "KmsActors" (appsettings.json, environment "KmsActors__ConfigFile", ...), then adjustable in code.
/// </summary>
public sealed class KmsActorsOptions
{
    /// <summary>The actor system's name.</summary>
    public string ActorSystemName { get; set; } = "kms";

    /// <summary>A .conf file with the host's own settings over hocon/reference.conf.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Inline HOCON, applied over <see cref="ConfigFile"/>.</summary>
    public string? Hocon { get; set; }

    /// <summary>Shipped profiles to apply (reference, sqlite, postgres, inmem, testkit).</summary>
    public IList<string> Profiles { get; } = [];

    /// <summary>Command-line switches (<c>--kms.x=y</c>) that override everything else.</summary>
    public IList<string> Switches { get; } = [];
}
