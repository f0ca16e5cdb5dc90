using KmsActors.Kms.Model;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>A key the simulation created, and what it knows of it: spec, origin, the material it imported (for
/// reimport), the ValidTo it set and the state its own calls left the key in.</summary>
public sealed class SimKey(string keyId, KeySpec spec, bool external, byte[]? material)
{
    public string KeyId { get; } = keyId;
    public KeySpec Spec { get; } = spec;
    public bool External { get; } = external;
    public byte[]? Material { get; } = material;

    /// <summary>As the simulation's own calls left it (expiry is read against <see cref="ValidTo"/>).</summary>
    public KeyState State { get; set; } = KeyState.Creating;

    public DateTimeOffset? ValidTo { get; set; }

    /// <summary>True while a BYOK lifecycle cycle runs on the key; clients leave it alone meanwhile.</summary>
    public volatile bool Busy;

    /// <summary>Next lifecycle step: 0 DeleteImportedKeyMaterial, 1 GetParametersForImport, 2 ImportKeyMaterial.</summary>
    public int LifecycleStep { get; set; }

    public GetParametersForImportResponse? Parameters { get; set; }

    public KeyState StateAt(DateTimeOffset now) =>
        State == KeyState.Enabled && ValidTo is { } validTo && now >= validTo ? KeyState.PendingImport : State;

    public bool IsAsymmetric => Spec is not (KeySpec.SYMMETRIC_DEFAULT or KeySpec.HMAC_224 or KeySpec.HMAC_256 or KeySpec.HMAC_384 or KeySpec.HMAC_512);

    public bool IsHmac => Spec is KeySpec.HMAC_224 or KeySpec.HMAC_256 or KeySpec.HMAC_384 or KeySpec.HMAC_512;
}
