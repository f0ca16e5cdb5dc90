using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

/// <summary>A rotation completed: <paramref name="NewKeyMaterialId"/> becomes CURRENT with RotationDate <paramref name="At"/>, the old
/// CURRENT becomes NON_CURRENT. EXTERNAL keys promote their PENDING_ROTATION material (the three material members are null);
/// AWS_KMS keys carry the material the engine generated.</summary>
public sealed record KeyRotated(
    string NewKeyMaterialId,
    DateTimeOffset At,
    RotationType RotationType,
    byte[]? GeneratedCommitment = null,
    byte[]? GeneratedMaterial = null) : IKeyEvent;
