using KmsActors.Kms.Model;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// Key material that passed <see cref="KeyMaterialValidator"/>: the bytes exactly as imported, plus, for
/// asymmetric specs, the public key KMS derives from the private key (DER SubjectPublicKeyInfo, as GetPublicKey returns it).
/// </summary>
public sealed record ValidatedMaterial(KeySpec Spec, byte[] Material, byte[]? PublicKeyDer);
