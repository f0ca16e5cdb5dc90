using System.Security.Cryptography;
using Akka.Actor;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Keys;

// Cryptographic operations (docs/key-states.md): state and usage from KeyRules.CheckUsable, then the key's crypto objects.
public sealed partial class KeyActor
{
    /// <summary>AWS: PlaintextType and message blobs are 1–4096 bytes.</summary>
    private const int MaxPlaintext = 4096;

    private void HandleCrypto(KmsCommand command, IActorRef replyTo)
    {
        string? encryptedUnder = null;
        object response = command.Request switch
        {
            EncryptRequest r => Encrypt(r, out encryptedUnder),
            DecryptRequest r => Decrypt(r),
            ReEncryptRequest r => ReEncryptSource(command, r, replyTo),
            GenerateDataKeyRequest r => GenerateDataKey(r.KeyId, r.KeySpec, r.NumberOfBytes, r.EncryptionContext, r.DryRun, "GenerateDataKey", withPlaintext: true),
            GenerateDataKeyWithoutPlaintextRequest r => GenerateDataKey(r.KeyId, r.KeySpec, r.NumberOfBytes, r.EncryptionContext, r.DryRun, "GenerateDataKeyWithoutPlaintext", withPlaintext: false),
            GenerateDataKeyPairRequest r => GenerateDataKeyPair(r.KeyId, r.KeyPairSpec, r.EncryptionContext, r.DryRun, "GenerateDataKeyPair", withPlaintext: true),
            GenerateDataKeyPairWithoutPlaintextRequest r => GenerateDataKeyPair(r.KeyId, r.KeyPairSpec, r.EncryptionContext, r.DryRun, "GenerateDataKeyPairWithoutPlaintext", withPlaintext: false),
            SignRequest r => Sign(r),
            VerifyRequest r => Verify(r),
            GenerateMacRequest r => GenerateMac(r),
            VerifyMacRequest r => VerifyMac(r),
            GetPublicKeyRequest r => GetPublicKey(r),
            DeriveSharedSecretRequest r => DeriveSharedSecret(r),
            _ => throw KmsException.Unsupported($"{command.Operation} is not supported by KmsActors."),
        };
        if (response is not Deferred)
        {
            // A crypto call is answered within the message that brought it: its audit time is the time that message
            // arrived (read once, in AroundReceive), not a second clock read. The record goes out before the answer, so
            // a caller's next call is recorded after this one.
            Context.System.EventStream.Publish(AuditOf(command, response, null, [], _callArrived, encryptedUnder));
            replyTo.Tell(response);
        }
    }

    /// <summary>ReEncrypt's answer comes from the destination key actor.</summary>
    private sealed record Deferred
    {
        public static readonly Deferred Instance = new();
    }

    private static void DryRun(bool? dryRun)
    {
        if (dryRun == true)
            throw new KmsException(KmsErrorCodes.DryRunOperationException, "The request would have succeeded, but the DryRun option is set.");
    }

    /// <summary>The live crypto object of a present material (built on first use, owned by this actor).</summary>
    private IKeyMaterial MaterialObject(KeyMaterialEntry entry)
    {
        if (!_crypto.TryGetValue(entry.KeyMaterialId, out var material))
            _crypto[entry.KeyMaterialId] = material = KeyMaterialFactory.Create(_key!.KeySpec, entry.Material ?? throw KmsException.Internal($"{_arn} has no material {entry.KeyMaterialId}."));
        return material;
    }

    private KeyMaterialEntry Current => CurrentMaterial() is { IsPresent: true } current ? current : throw KmsException.InvalidState($"{_arn} is pending import.");

    // KmsKey is immutable: its CURRENT material (a search of an ImmutableList) is looked up once per state, not per call.
    private KmsKey? _currentOf;
    private KeyMaterialEntry? _current;

    private KeyMaterialEntry? CurrentMaterial()
    {
        if (!ReferenceEquals(_currentOf, _key))
        {
            _current = _key!.CurrentMaterial;
            _currentOf = _key;
        }
        return _current;
    }

    private bool SupportsEncryption(EncryptionAlgorithmSpec algorithm) =>
        (algorithm == EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT && _key!.KeySpec == KeySpec.SYMMETRIC_DEFAULT)
        || KeyRules.EncryptionAlgorithmsOf(_key!.KeySpec).Contains(algorithm);

    private static KmsException Incompatible(object algorithm, KeySpec spec) => KmsException.InvalidKeyUsage($"Algorithm {algorithm} is incompatible with key spec {spec}.");

    /// <summary>Encrypt; <paramref name="materialId"/> is the symmetric material used (its CloudTrail additionalEventData).</summary>
    private EncryptResponse Encrypt(EncryptRequest r, out string? materialId)
    {
        KeyRules.CheckUsable(_key!, "Encrypt");
        (var blob, var algorithm, materialId) = EncryptWith(r.Plaintext!, r.EncryptionAlgorithm, r.EncryptionContext);
        DryRun(r.DryRun);
        return new EncryptResponse { CiphertextBlob = blob, KeyId = _arn, EncryptionAlgorithm = algorithm };
    }

    /// <summary>Encrypts under the CURRENT material (symmetric) or the key pair (RSA, SM2).</summary>
    private (byte[] Blob, EncryptionAlgorithmSpec Algorithm, string? MaterialId) EncryptWith(byte[] plaintext, EncryptionAlgorithmSpec? requested, IReadOnlyDictionary<string, string>? context)
    {
        var algorithm = requested ?? EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT;
        if (!SupportsEncryption(algorithm))
            throw Incompatible(algorithm, _key!.KeySpec);
        var current = Current;
        return MaterialObject(current) switch
        {
            SymmetricKeyMaterial aes => (aes.Encrypt(plaintext, _keyId, current.KeyMaterialId, context), algorithm, current.KeyMaterialId),
            RsaKeyMaterial rsa => (rsa.Encrypt(algorithm, plaintext), algorithm, null),
            Sm2KeyMaterial sm2 => (sm2.Encrypt(algorithm, plaintext), algorithm, null),
            _ => throw Incompatible(algorithm, _key!.KeySpec),
        };
    }

    /// <summary>Decrypts a blob: a symmetric blob must name this key (IncorrectKeyException) and a material it holds.</summary>
    private (byte[] Plaintext, EncryptionAlgorithmSpec Algorithm, string? MaterialId) DecryptWith(byte[] ciphertext, EncryptionAlgorithmSpec? requested, IReadOnlyDictionary<string, string>? context)
    {
        var algorithm = requested ?? EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT;
        if (!SupportsEncryption(algorithm))
            throw Incompatible(algorithm, _key!.KeySpec);
        if (_key!.KeySpec != KeySpec.SYMMETRIC_DEFAULT)
        {
            return MaterialObject(Current) switch
            {
                RsaKeyMaterial rsa => (rsa.Decrypt(algorithm, ciphertext), algorithm, null),
                Sm2KeyMaterial sm2 => (sm2.Decrypt(algorithm, ciphertext), algorithm, null),
                _ => throw Incompatible(algorithm, _key.KeySpec),
            };
        }
        if (!CiphertextBlob.TryDecode(ciphertext, out var blob))
            throw KmsException.InvalidCiphertext();
        if (blob.KeyId != _keyId)
            throw KeyRules.IncorrectKey();
        var entry = _key.PresentMaterial(blob.KeyMaterialId)
            ?? throw KmsException.InvalidCiphertext();
        var aes = (SymmetricKeyMaterial)MaterialObject(entry);
        return (aes.Decrypt(blob, context), algorithm, entry.KeyMaterialId);
    }

    private DecryptResponse Decrypt(DecryptRequest r)
    {
        // Not required by the model (DryRun with IGNORE_CIPHERTEXT goes without), but by AWS for every real Decrypt.
        KeyRules.Require(("ciphertextBlob", r.CiphertextBlob));
        KeyRules.CheckUsable(_key!, "Decrypt");
        if (r.DryRun == true && r.DryRunModifiers?.Contains(DryRunModifierType.IGNORE_CIPHERTEXT) == true)
            DryRun(true);
        var (plaintext, algorithm, materialId) = DecryptWith(r.CiphertextBlob!, r.EncryptionAlgorithm, r.EncryptionContext);
        DryRun(r.DryRun);
        return new DecryptResponse { KeyId = _arn, Plaintext = plaintext, EncryptionAlgorithm = algorithm, KeyMaterialId = materialId };
    }

    /// <summary>ReEncrypt at the source key: decrypt, then hand the plaintext to the destination through the region.</summary>
    private Deferred ReEncryptSource(KmsCommand command, ReEncryptRequest r, IActorRef replyTo)
    {
        KeyRules.Require(("ciphertextBlob", r.CiphertextBlob));
        KeyRules.CheckUsable(_key!, "ReEncrypt");
        var (plaintext, algorithm, materialId) = DecryptWith(r.CiphertextBlob!, r.SourceEncryptionAlgorithm, r.SourceEncryptionContext);
        ToRegion(new ReEncryptDestination(command, plaintext, _arn, algorithm, materialId, replyTo));
        return Deferred.Instance;
    }

    /// <summary>ReEncrypt at the destination key: encrypt and answer the caller.</summary>
    private void OnReEncryptDestination(ReEncryptDestination message)
    {
        var r = (ReEncryptRequest)message.Command.Request;
        try
        {
            if (_key is null)
                throw KmsException.NotFound($"Key '{_arn}' does not exist");
            Authorize(message.Command, Policy.KmsActions.ReEncryptTo, destination: true, message.SourceKeyArn);
            KeyRules.CheckUsable(_key, "ReEncrypt", decrypting: false);
            var (blob, algorithm, materialId) = EncryptWith(message.Plaintext, r.DestinationEncryptionAlgorithm, r.DestinationEncryptionContext);
            DryRun(r.DryRun);
            Reply(message.Command, message.ReplyTo, new ReEncryptResponse
            {
                CiphertextBlob = blob,
                SourceKeyId = message.SourceKeyArn,
                KeyId = _arn,
                SourceEncryptionAlgorithm = message.SourceEncryptionAlgorithm,
                DestinationEncryptionAlgorithm = algorithm,
                SourceKeyMaterialId = message.SourceKeyMaterialId,
                DestinationKeyMaterialId = materialId,
            }, message.SourceKeyArn, _arn);
        }
        catch (KmsException error)
        {
            Fail(message.Command, message.ReplyTo, error, message.SourceKeyArn, _arn);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message.Plaintext);
        }
    }
}
