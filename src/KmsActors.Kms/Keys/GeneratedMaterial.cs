namespace KmsActors.Kms.Keys;

/// <summary>Key material the engine generated (AWS_KMS origin), with its ID and engine-keyed commitment.</summary>
public sealed record GeneratedMaterial(string KeyMaterialId, byte[] Commitment, byte[] Material);
