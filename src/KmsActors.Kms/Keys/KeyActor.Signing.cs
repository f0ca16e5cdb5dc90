using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// Sign/Verify, GenerateMac/VerifyMac, GetPublicKey (state and key usage: docs/key-states.md).
public sealed partial class KeyActor
{
    private SigningAlgorithmSpec SigningAlgorithm(SigningAlgorithmSpec? requested)
    {
        var algorithm = requested!.Value;
        if (!KeyRules.SigningAlgorithmsOf(_key!.KeySpec).Contains(algorithm))
            throw Incompatible(algorithm, _key.KeySpec);
        return algorithm;
    }

    private SignResponse Sign(SignRequest r)
    {
        KeyRules.CheckUsable(_key!, "Sign");
        var algorithm = SigningAlgorithm(r.SigningAlgorithm);
        var messageType = r.MessageType ?? MessageType.RAW;
        var signature = MaterialObject(Current) switch
        {
            RsaKeyMaterial rsa => rsa.Sign(algorithm, messageType, r.Message),
            EccKeyMaterial ecc => ecc.Sign(algorithm, messageType, r.Message),
            Sm2KeyMaterial sm2 => sm2.Sign(algorithm, messageType, r.Message),
            _ => throw Incompatible(algorithm, _key!.KeySpec),
        };
        DryRun(r.DryRun);
        return new SignResponse { KeyId = _arn, Signature = signature, SigningAlgorithm = algorithm };
    }

    private VerifyResponse Verify(VerifyRequest r)
    {
        KeyRules.CheckUsable(_key!, "Verify");
        var algorithm = SigningAlgorithm(r.SigningAlgorithm);
        var messageType = r.MessageType ?? MessageType.RAW;
        var valid = MaterialObject(Current) switch
        {
            RsaKeyMaterial rsa => rsa.Verify(algorithm, messageType, r.Message, r.Signature),
            EccKeyMaterial ecc => ecc.Verify(algorithm, messageType, r.Message, r.Signature),
            Sm2KeyMaterial sm2 => sm2.Verify(algorithm, messageType, r.Message, r.Signature),
            _ => throw Incompatible(algorithm, _key!.KeySpec),
        };
        DryRun(r.DryRun);
        if (!valid)
            throw new KmsException(KmsErrorCodes.KMSInvalidSignatureException, null); // AWS: no message member
        return new VerifyResponse { KeyId = _arn, SignatureValid = true, SigningAlgorithm = algorithm };
    }

    private HmacKeyMaterial Hmac(MacAlgorithmSpec? requested)
    {
        if (!KeyRules.MacAlgorithmsOf(_key!.KeySpec).Contains(requested!.Value))
            throw Incompatible(requested.Value, _key.KeySpec); // AWS (recorded; docs/check-order.md): "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224."
        return (HmacKeyMaterial)MaterialObject(Current);
    }

    private GenerateMacResponse GenerateMac(GenerateMacRequest r)
    {
        KeyRules.CheckUsable(_key!, "GenerateMac");
        var mac = Hmac(r.MacAlgorithm).GenerateMac(r.MacAlgorithm!.Value, r.Message);
        DryRun(r.DryRun);
        return new GenerateMacResponse { Mac = mac, MacAlgorithm = r.MacAlgorithm, KeyId = _arn };
    }

    private VerifyMacResponse VerifyMac(VerifyMacRequest r)
    {
        KeyRules.CheckUsable(_key!, "VerifyMac");
        var valid = Hmac(r.MacAlgorithm).VerifyMac(r.MacAlgorithm!.Value, r.Message, r.Mac);
        DryRun(r.DryRun);
        if (!valid)
            throw new KmsException(KmsErrorCodes.KMSInvalidMacException, null); // AWS: no message member
        return new VerifyMacResponse { KeyId = _arn, MacValid = true, MacAlgorithm = r.MacAlgorithm };
    }

    private GetPublicKeyResponse GetPublicKey(GetPublicKeyRequest r)
    {
        KeyRules.CheckUsable(_key!, "GetPublicKey");
        var metadata = KeyRules.Describe(_key!);
        return new GetPublicKeyResponse
        {
            KeyId = _arn,
            PublicKey = MaterialObject(Current).PublicKeyDer,
            CustomerMasterKeySpec = metadata.CustomerMasterKeySpec,
            KeySpec = metadata.KeySpec,
            KeyUsage = metadata.KeyUsage,
            EncryptionAlgorithms = metadata.EncryptionAlgorithms,
            SigningAlgorithms = metadata.SigningAlgorithms,
            KeyAgreementAlgorithms = metadata.KeyAgreementAlgorithms,
        };
    }
}
