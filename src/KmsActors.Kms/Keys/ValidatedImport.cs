using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

/// <summary>
/// What the key actor learnt from an ImportKeyMaterial request before asking the rules: the import token was
/// unsealed and names this key, the material unwrapped and is valid for the key spec. <see cref="KeyMaterialId"/>
/// and <see cref="Commitment"/> are computed from the material (docs/byok.md).
/// </summary>
public sealed record ValidatedImport(
    string TokenId,
    DateTimeOffset TokenValidTo,
    AlgorithmSpec WrappingAlgorithm,
    byte[] Material,
    string KeyMaterialId,
    byte[] Commitment);
