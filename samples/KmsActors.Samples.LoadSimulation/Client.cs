using System.Diagnostics;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>
/// One simulated application: each <see cref="CallOnce"/> draws an operation and a key with its own seeded Random
/// and makes exactly one engine call, so under virtual time the calls of a round are sent in a fixed order.
/// Decrypt and Verify reuse this client's own earlier ciphertexts and signatures.
/// </summary>
public sealed class Client(KmsEngine engine, KeySet keys, StatsBoard stats, OperationPicker picker, Random random, CallerIdentity? caller = null)
{
    private static readonly byte[] Plaintext = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
    private static readonly byte[] Message = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
    private readonly (SimKey Key, byte[] Blob)[] _ciphertexts = new (SimKey, byte[])[8];
    private int _ciphertextCount;
    private (SimKey Key, SigningAlgorithmSpec Algorithm, byte[] Signature)? _signature;

    public Task CallOnce()
    {
        var operation = picker.Next(random);
        var key = keys.Pick(operation, random);
        if (key is null)
        {
            operation = SimOperation.DescribeKey;
            key = keys.Pick(operation, random);
            if (key is null)
                return Task.CompletedTask;
        }
        var started = Stopwatch.GetTimestamp();
        switch (operation)
        {
            case SimOperation.Decrypt when _ciphertextCount > 0:
                var (sealedBy, blob) = _ciphertexts[random.Next(Math.Min(_ciphertextCount, _ciphertexts.Length))];
                if (sealedBy.Busy)
                    goto default;
                return stats.Time(operation, started, engine.Decrypt(new DecryptRequest { CiphertextBlob = blob }, caller));
            case SimOperation.Decrypt or SimOperation.Encrypt:
                return Encrypt(key, started);
            case SimOperation.GenerateDataKey:
                return stats.Time(operation, started, engine.GenerateDataKey(new GenerateDataKeyRequest { KeyId = key.KeyId, KeySpec = DataKeySpec.AES_256 }, caller));
            case SimOperation.GenerateMac:
                return stats.Time(operation, started, engine.GenerateMac(new GenerateMacRequest { KeyId = key.KeyId, Message = Message, MacAlgorithm = MacOf(key.Spec) }, caller));
            case SimOperation.Verify when _signature is { Key.Busy: false } last:
                return stats.Time(operation, started, engine.Verify(new VerifyRequest
                {
                    KeyId = last.Key.KeyId, Message = Message, Signature = last.Signature, SigningAlgorithm = last.Algorithm,
                }, caller));
            case SimOperation.Verify or SimOperation.Sign:
                return Sign(key, started);
            default:
                return stats.Time(SimOperation.DescribeKey, started, engine.DescribeKey(new DescribeKeyRequest { KeyId = key.KeyId }, caller));
        }
    }

    private async Task Encrypt(SimKey key, long started)
    {
        var response = await stats.Time(SimOperation.Encrypt, started, engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = Plaintext }, caller)).ConfigureAwait(false);
        if (response?.CiphertextBlob is { } blob)
            _ciphertexts[_ciphertextCount++ % _ciphertexts.Length] = (key, blob);
    }

    private async Task Sign(SimKey key, long started)
    {
        var algorithm = SigningOf(key.Spec);
        var response = await stats.Time(SimOperation.Sign, started, engine.Sign(new SignRequest { KeyId = key.KeyId, Message = Message, SigningAlgorithm = algorithm }, caller)).ConfigureAwait(false);
        if (response?.Signature is { } signature)
            _signature = (key, algorithm, signature);
    }

    public static SigningAlgorithmSpec SigningOf(KeySpec spec) => spec switch
    {
        KeySpec.ECC_NIST_P384 => SigningAlgorithmSpec.ECDSA_SHA_384,
        KeySpec.ECC_NIST_P521 => SigningAlgorithmSpec.ECDSA_SHA_512,
        KeySpec.ECC_NIST_P256 or KeySpec.ECC_SECG_P256K1 => SigningAlgorithmSpec.ECDSA_SHA_256,
        KeySpec.SM2 => SigningAlgorithmSpec.SM2DSA,
        _ => SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256,
    };

    public static MacAlgorithmSpec MacOf(KeySpec spec) => spec switch
    {
        KeySpec.HMAC_224 => MacAlgorithmSpec.HMAC_SHA_224,
        KeySpec.HMAC_384 => MacAlgorithmSpec.HMAC_SHA_384,
        KeySpec.HMAC_512 => MacAlgorithmSpec.HMAC_SHA_512,
        _ => MacAlgorithmSpec.HMAC_SHA_256,
    };
}
