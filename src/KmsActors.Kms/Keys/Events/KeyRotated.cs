using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

/// <summary>A rotation completed: <paramref name="NewKeyMaterialId"/> becomes CURRENT with RotationDate <paramref name="At"/>, the old
/// CURRENT becomes NON_CURRENT. EXTERNAL keys promote their PENDING_ROTATION material (the three material members are null);
/// AWS_KMS keys carry the material the engine generated: in the journal (version 2) only as <paramref name="SealedGeneratedMaterial"/>,
/// opened by the key actor into <paramref name="GeneratedMaterial"/>.</summary>
[PersistedAs("KeyRotated", 2, ReadsSince = 1)]
public sealed record KeyRotated(
    string NewKeyMaterialId,
    DateTimeOffset At,
    RotationType RotationType,
    byte[]? GeneratedCommitment = null,
    byte[]? GeneratedMaterial = null,
    SealedMaterial? SealedGeneratedMaterial = null) : IKeyEvent;
