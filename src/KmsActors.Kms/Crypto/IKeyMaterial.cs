using KmsActors.Kms.Model;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// The live crypto object for one key material, owned by one key actor: not thread-safe, by design (no locks needed).
/// </summary>
public interface IKeyMaterial : IDisposable
{
    KeySpec Spec { get; }

    /// <summary>DER SubjectPublicKeyInfo for asymmetric specs (what GetPublicKey returns); null for symmetric and HMAC.</summary>
    byte[]? PublicKeyDer { get; }
}
