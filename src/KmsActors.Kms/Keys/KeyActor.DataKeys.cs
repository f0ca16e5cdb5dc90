using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// GenerateDataKey(+WithoutPlaintext), GenerateDataKeyPair(+WithoutPlaintext) (state and key usage: docs/key-states.md).
public sealed partial class KeyActor
{
    private object GenerateDataKey(string? keyId, DataKeySpec? keySpec, int? numberOfBytes, IReadOnlyDictionary<string, string>? context, bool? dryRun, string operation, bool withPlaintext)
    {
        // AWS (recorded; docs/validation.md): neither KeySpec nor NumberOfBytes → "NumberOfBytes is required."
        if (keySpec is null && numberOfBytes is null)
            throw KmsException.Validation("NumberOfBytes is required.");
        if (keySpec is not null && numberOfBytes is not null)
            throw KmsException.Validation("Please specify either number of bytes or key spec.");
        KeyRules.CheckUsable(_key!, operation);
        var plaintext = System.Security.Cryptography.RandomNumberGenerator.GetBytes(numberOfBytes ?? (keySpec == DataKeySpec.AES_128 ? 16 : 32));
        var (blob, _, materialId) = EncryptWith(plaintext, null, context);
        DryRun(dryRun);
        return withPlaintext
            ? new GenerateDataKeyResponse { CiphertextBlob = blob, Plaintext = plaintext, KeyId = _arn, KeyMaterialId = materialId }
            : new GenerateDataKeyWithoutPlaintextResponse { CiphertextBlob = blob, KeyId = _arn, KeyMaterialId = materialId };
    }

    private object GenerateDataKeyPair(string? keyId, DataKeyPairSpec? pairSpec, IReadOnlyDictionary<string, string>? context, bool? dryRun, string operation, bool withPlaintext)
    {
        KeyRules.CheckUsable(_key!, operation);
        var spec = Enum.Parse<KeySpec>(pairSpec!.Value.ToString());
        DryRun(dryRun);
        var privateKey = KeyMaterialFactory.Generate(spec, IsChina);
        byte[] publicKey;
        using (var pair = KeyMaterialFactory.Create(spec, privateKey))
            publicKey = pair.PublicKeyDer!;
        var (blob, _, materialId) = EncryptWith(privateKey, null, context);
        return withPlaintext
            ? new GenerateDataKeyPairResponse { PrivateKeyCiphertextBlob = blob, PrivateKeyPlaintext = privateKey, PublicKey = publicKey, KeyId = _arn, KeyPairSpec = pairSpec, KeyMaterialId = materialId }
            : new GenerateDataKeyPairWithoutPlaintextResponse { PrivateKeyCiphertextBlob = blob, PublicKey = publicKey, KeyId = _arn, KeyPairSpec = pairSpec, KeyMaterialId = materialId };
    }
}
