using KmsActors.Kms.Model;

namespace KmsActors.Console.Infrastructure;

/// <summary>The tabs of a key's detail page, as AWS's console names them; each is its own page at
/// /console/keys/{keyId}/{Slug} (General configuration at /console/keys/{keyId}).</summary>
public sealed record KeyTab(string Slug, string Title)
{
    public static readonly KeyTab General = new("", "General configuration");
    public static readonly KeyTab Policy = new("policy", "Key policy");
    public static readonly KeyTab Cryptographic = new("crypto", "Cryptographic configuration");
    public static readonly KeyTab Material = new("material", "Key material");
    public static readonly KeyTab Tags = new("tags", "Tags");
    public static readonly KeyTab Aliases = new("aliases", "Aliases");
    public static readonly KeyTab Regionality = new("regionality", "Regionality");
    public static readonly KeyTab Audit = new("audit", "Audit trail");

    /// <summary>The tabs a key shows: Key material for imported (EXTERNAL) keys, Regionality for multi-Region keys.</summary>
    public static IEnumerable<KeyTab> For(KeyMetadata key)
    {
        yield return General;
        yield return Policy;
        yield return Cryptographic;
        if (key.Origin == OriginType.EXTERNAL)
            yield return Material;
        yield return Tags;
        yield return Aliases;
        if (key.MultiRegion == true)
            yield return Regionality;
        yield return Audit;
    }

    public string PathFor(string keyId) => Slug.Length == 0 ? $"/console/keys/{keyId}" : $"/console/keys/{keyId}/{Slug}";
}
