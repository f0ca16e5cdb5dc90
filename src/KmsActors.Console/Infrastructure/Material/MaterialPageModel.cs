using Akka.Actor;
using KmsActors.Kms.Model;

namespace KmsActors.Console.Infrastructure.Material;

/// <summary>
/// A page of a key's imported material (docs/console.md, docs/byok.md): the key as DescribeKey answers it, its first
/// alias (for the header line), and the engine's "now" — read from the actor system's scheduler, so a server on virtual
/// time (tests) shows the countdowns the engine's clock gives.
/// </summary>
public abstract class MaterialPageModel(ConsoleContext console, ActorSystem system) : ConsolePageModel(console)
{
    /// <summary>The key in the address. Read from the route rather than model-bound: binding would read the form, and
    /// the upload page reads its multipart body itself (Pages/Keys/Material/Upload.cshtml.cs).</summary>
    public string KeyId => RouteData.Values["keyId"] as string ?? "";

    public KeyMetadata? Key { get; private set; }

    public string? Alias { get; private set; }

    /// <summary>The engine's clock at render time (UTC).</summary>
    public DateTimeOffset Now { get; private set; }

    public string Link(string path) => Console.Link(path);

    public string MaterialPath => $"/console/keys/{Uri.EscapeDataString(KeyId)}/material";

    /// <summary>DescribeKey (and ListAliases for the header); false with <see cref="ConsolePageModel.Error"/> when refused.</summary>
    protected async Task<bool> LoadKey(CancellationToken ct)
    {
        Now = system.Scheduler.Now.ToUniversalTime();
        var found = await Try(async () =>
        {
            var described = await Console.Kms.DescribeKey(new DescribeKeyRequest { KeyId = KeyId }, Console.Caller, Console.Region, ct);
            Key = described.KeyMetadata;
        });
        if (!found || Key is null)
            return false;
        // The header's alias is a convenience: a refusal of ListAliases (e.g. no permission) leaves it out, as AWS's console does.
        try
        {
            var aliases = await Console.Kms.ListAliases(new ListAliasesRequest { KeyId = Key.KeyId }, Console.Caller, Console.Region, ct);
            Alias = aliases.Aliases?.FirstOrDefault()?.AliasName;
        }
        catch (KmsException)
        {
            Alias = null;
        }
        return true;
    }
}
