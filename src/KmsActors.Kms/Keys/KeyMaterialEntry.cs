using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

/// <summary>
/// One key material associated with a key. <see cref="Material"/> is null when the material is not present
/// (never imported into this key, deleted, or expired); <see cref="Commitment"/> stays, so a reimport can be
/// checked to be the same material without keeping the material (docs/byok.md).
/// </summary>
public sealed record KeyMaterialEntry
{
    /// <summary>64 lower-case hex chars, deterministic in (key ID, material).</summary>
    public required string KeyMaterialId { get; init; }
    /// <summary>Engine-keyed commitment to the material (MaterialCommitment).</summary>
    public required byte[] Commitment { get; init; }
    /// <summary>The raw material while present; null otherwise. Never written to the journal (see <see cref="SealedMaterial"/>).</summary>
    public byte[]? Material { get; init; }
    /// <summary>The material sealed under its data key, as events and snapshots hold it; null when the material is
    /// absent (and in keys recovered from version 1 journals until their next snapshot).</summary>
    public SealedMaterial? SealedMaterial { get; init; }
    public required KeyMaterialState KeyMaterialState { get; init; }
    /// <summary>EXTERNAL keys only.</summary>
    public ImportState? ImportState { get; init; }
    public ExpirationModelType? ExpirationModel { get; init; }
    public DateTimeOffset? ValidTo { get; init; }
    public string? KeyMaterialDescription { get; init; }
    /// <summary>When this material became current through a rotation; null for the first material and pending ones.</summary>
    public DateTimeOffset? RotationDate { get; init; }
    public RotationType? RotationType { get; init; }

    /// <summary>On an EXTERNAL multi-Region primary, for pending material: the replicas that have imported it too. Once
    /// every replica has, the material is PENDING_ROTATION (docs/multi-region-keys.md). Null otherwise.</summary>
    public System.Collections.Immutable.ImmutableList<string>? ImportedInReplicas { get; init; }

    public bool IsPresent => Material is not null;

    /// <summary>CURRENT and NON_CURRENT materials are permanently associated: all must be present for the key to be usable.</summary>
    public bool IsPermanentlyAssociated => KeyMaterialState is KeyMaterialState.CURRENT or KeyMaterialState.NON_CURRENT;
}
