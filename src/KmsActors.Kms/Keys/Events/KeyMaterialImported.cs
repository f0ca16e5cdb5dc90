using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

/// <summary>ImportKeyMaterial succeeded. <paramref name="KeyMaterialState"/> is the state the material has in the key afterwards
/// (CURRENT for a first import, PENDING_ROTATION for NEW material on a key that has material, or the state it already had).
/// <paramref name="CompletesSet"/>: every permanently-associated material is now present, so a PendingImport key becomes Enabled (docs/byok.md).
/// <paramref name="TokenId"/>/<paramref name="TokenValidTo"/>: the consumed import token, remembered until it would have expired (docs/byok.md).
/// In the journal (version 2) the material is only <paramref name="SealedMaterial"/>; the key actor opens it into
/// <paramref name="Material"/> (null when its data key has been shredded). Version 1 journals hold plain <paramref name="Material"/>.</summary>
[PersistedAs("KeyMaterialImported", 2, ReadsSince = 1)]
public sealed record KeyMaterialImported(
    string KeyMaterialId,
    byte[] Commitment,
    byte[]? Material,
    KeyMaterialState KeyMaterialState,
    ExpirationModelType ExpirationModel,
    DateTimeOffset? ValidTo,
    string? KeyMaterialDescription,
    string TokenId,
    DateTimeOffset TokenValidTo,
    bool CompletesSet,
    DateTimeOffset At,
    SealedMaterial? SealedMaterial = null) : IKeyEvent;
