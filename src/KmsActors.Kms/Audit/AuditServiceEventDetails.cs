namespace KmsActors.Kms.Audit;

/// <summary>
/// serviceEventDetails of a KMS service event (docs/audit.md). DeleteExpiredKeyMaterial: the key ID and the expired
/// material's ID. RotateKey: rotationType, keyOrigin, previousKeyMaterialId, currentKeyMaterialId and the key ID
/// (<see cref="RotationType"/> set). DeleteKey has none.
/// </summary>
public sealed record AuditServiceEventDetails(string KeyId, string? KeyMaterialId)
{
    /// <summary>RotateKey: "AUTOMATIC" or "ON_DEMAND".</summary>
    public string? RotationType { get; init; }

    /// <summary>RotateKey: the key's origin, "AWS_KMS" or "EXTERNAL".</summary>
    public string? KeyOrigin { get; init; }

    /// <summary>RotateKey: the material that was current before the rotation.</summary>
    public string? PreviousKeyMaterialId { get; init; }

    /// <summary>RotateKey: the material that is current after it.</summary>
    public string? CurrentKeyMaterialId { get; init; }
}
