namespace KmsActors.Kms.Audit;

/// <summary>serviceEventDetails of DeleteExpiredKeyMaterial: the key ID and (since 2025) the expired material's ID (reference §6).</summary>
public sealed record AuditServiceEventDetails(string KeyId, string? KeyMaterialId);
