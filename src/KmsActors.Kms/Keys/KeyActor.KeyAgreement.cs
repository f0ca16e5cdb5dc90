using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// DeriveSharedSecret (docs/derive-shared-secret.md): ECDH between the key's private key and the peer's public key.
public sealed partial class KeyActor
{
    private DeriveSharedSecretResponse DeriveSharedSecret(DeriveSharedSecretRequest r)
    {
        // KeyId, KeyAgreementAlgorithm and a PublicKey of 1–8192 bytes: the model's check ran before (docs/validation.md).
        // State (Disabled, PendingImport, PendingDeletion), then KeyUsage KEY_AGREEMENT.
        KeyRules.CheckUsable(_key!, "DeriveSharedSecret");
        var algorithm = r.KeyAgreementAlgorithm!.Value;
        if (!KeyRules.KeyAgreementAlgorithmsOf(_key!.KeySpec).Contains(algorithm))
            throw Incompatible(algorithm, _key.KeySpec);
        // Nitro Enclaves attestation is out of KmsActors' scope: refused as GenerateRandom refuses it.
        if (r.Recipient is not null)
            throw KmsException.Unsupported("Recipient (Nitro Enclaves attestation) is not supported by KmsActors.");
        var secret = MaterialObject(Current) switch
        {
            EccKeyMaterial ecc => ecc.DeriveSharedSecret(r.PublicKey!),
            Sm2KeyMaterial sm2 => sm2.DeriveSharedSecret(r.PublicKey!),
            _ => throw Incompatible(algorithm, _key.KeySpec),
        };
        DryRun(r.DryRun);
        return new DeriveSharedSecretResponse
        {
            KeyId = _arn,
            SharedSecret = secret,
            KeyAgreementAlgorithm = algorithm,
            KeyOrigin = _key.Origin,
        };
    }
}
