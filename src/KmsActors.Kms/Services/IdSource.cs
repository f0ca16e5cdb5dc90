using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using KmsActors.Kms.Engine;

namespace KmsActors.Kms.Services;

/// <summary>
/// Where the engine's identifiers come from: request IDs, key IDs and audit event IDs. By default they are random
/// (UUIDv4, as AWS's). With <c>kms.deterministic-ids.enabled = on</c> (simulations and tests only) they are
/// UUIDv8 (RFC 9562, "custom") derived from <c>kms.deterministic-ids.seed</c> and a counter or a parent ID, so a
/// seeded simulation on virtual time writes the same audit trace every run. IDs derived from a deterministic ID
/// (a key ID from its CreateKey request ID, an event ID from its request ID) are recognised by their version
/// digit, so the derivations need no shared state.
/// </summary>
public sealed class IdSource : IExtension
{
    private readonly string _seed;
    private long _requests;

    public IdSource(ExtendedActorSystem system)
    {
        var config = system.Settings.Config.GetConfig("kms.deterministic-ids");
        Deterministic = config?.GetBoolean("enabled", false) ?? false;
        _seed = config?.GetString("seed", "0") ?? "0";
    }

    /// <summary>True when IDs are derived from the seed (kms.deterministic-ids.enabled).</summary>
    public bool Deterministic { get; }

    public static IdSource Get(ActorSystem system) => system.WithExtension<IdSource, IdSourceProvider>();

    /// <summary>The request ID of one API call. Deterministic IDs number calls in the order callers send them.</summary>
    public string NewRequestId() => NewRequestGuid().ToString();

    /// <summary>As <see cref="NewRequestId"/>, unformatted: most request IDs are never read as text.</summary>
    internal Guid NewRequestGuid() =>
        Deterministic ? Guid.Parse(Uuid8($"{_seed}/request/{Interlocked.Increment(ref _requests)}")) : RequestIds.NewGuid();

    /// <summary>A new key's ID (AWS: a UUID, or "mrk-" and 32 hex digits for a multi-Region key), derived from the
    /// CreateKey request ID when that is deterministic.</summary>
    public static string NewKeyId(string requestId, bool multiRegion)
    {
        var id = IsDeterministic(requestId) ? Uuid8($"key/{requestId}") : RequestIds.New();
        return multiRegion ? "mrk-" + id.Replace("-", "", StringComparison.Ordinal) : id;
    }

    /// <summary>The eventID of an API call's audit record.</summary>
    public static string EventIdOf(string? requestId) =>
        requestId is not null && IsDeterministic(requestId) ? Uuid8($"event/{requestId}") : RequestIds.New();

    /// <summary>The eventID of a service event (DeleteExpiredKeyMaterial, DeleteKey) on a key.</summary>
    public static string ServiceEventIdOf(string keyArn, string eventName, string? keyMaterialId, DateTimeOffset eventTime) =>
        IsDeterministic(keyArn[(keyArn.LastIndexOf('/') + 1)..])
            ? Uuid8($"service-event/{keyArn}/{eventName}/{keyMaterialId}/{eventTime.UtcTicks}")
            : RequestIds.New();

    /// <summary>True for an ID made by a deterministic source: a UUIDv8 (…-8xxx-…), bare or as an "mrk-" key ID.</summary>
    public static bool IsDeterministic(string id) =>
        id.Length == 36 && (id.StartsWith("mrk-", StringComparison.Ordinal) ? id[16] == '8' : id[14] == '8' && id[8] == '-');

    private static string Uuid8(string name)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToCharArray(0, 32);
        hex[12] = '8';                                          // version 8
        hex[16] = "89ab"[Convert.ToInt32(hex[16].ToString(), 16) & 3]; // variant 10xx
        var text = new string(hex);
        return $"{text[..8]}-{text[8..12]}-{text[12..16]}-{text[16..20]}-{text[20..32]}";
    }
}
