using System.Collections.Concurrent;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Realism;

/// <summary>
/// AWS KMS request quotas (docs/limits.md): a token bucket per quota per account and Region, refilled on the
/// engine's clock. Which quota an operation is charged to is the Quota column of the catalogue's facts
/// (Model/KmsCatalogue.Facts.cs): the cryptographic operations share one quota per key type (symmetric — HMAC included —
/// RSA, ECC and SM2, ML-DSA), GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext one per data key pair spec,
/// every other operation has its own. A call over its quota fails with ThrottlingException.
/// </summary>
public sealed class RequestQuotas
{
    public const string ThrottlingMessage = "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.";

    /// <summary>The name of the quota of a data key pair spec, as AWS's table names it: "GenerateDataKeyPair (RSA_2048)".</summary>
    public static string DataKeyPairQuota(DataKeyPairSpec spec) => DataKeyPairQuotaNames[(int)spec];

    private static readonly string[] DataKeyPairQuotaNames =
        Enum.GetValues<DataKeyPairSpec>().Select(spec => $"GenerateDataKeyPair ({spec})").ToArray();

    private readonly RealismSettings _settings;
    private readonly KnownKeys _keys;
    private readonly ConcurrentDictionary<(string Account, string Region, string Quota), TokenBucket> _buckets = new();

    public RequestQuotas(RealismSettings settings, KnownKeys keys)
    {
        _settings = settings;
        _keys = keys;
    }

    /// <summary>The quota a call is charged to ("symmetric", "rsa", "ecc", "ml-dsa", "GenerateDataKeyPair (&lt;spec&gt;)" or
    /// the operation's name); null: not limited (no rate configured, or no operation of the model).</summary>
    public string? QuotaOf(string operation, object request)
    {
        switch (KmsCatalogue.FactsOf(operation)?.Quota)
        {
            case QuotaClass.Operation:
                return _settings.OperationQuotas.ContainsKey(operation) ? operation : null;
            case QuotaClass.DataKeyPair:
                var pairSpec = request switch
                {
                    GenerateDataKeyPairRequest r => r.KeyPairSpec,
                    GenerateDataKeyPairWithoutPlaintextRequest r => r.KeyPairSpec,
                    _ => null,
                };
                // No spec: the model's check refuses the call after the gate; nothing to charge.
                return pairSpec is { } pair && _settings.DataKeyPairQuotas.ContainsKey(pair.ToString()) ? DataKeyPairQuota(pair) : null;
            case QuotaClass.SharedCryptographic:
                var shared = SharedQuotaOf(_keys.SpecOf(KnownKeys.KeyIdOf(request)), operation);
                return _settings.SharedQuotas.ContainsKey(shared) ? shared : null;
            default:
                return null;
        }
    }

    /// <summary>The shared cryptographic quota of a key spec (AWS: symmetric keys with HMAC keys, RSA, ECC with SM2,
    /// ML-DSA). A key the gate has not seen counts as symmetric, except where only asymmetric keys serve the operation.</summary>
    private static string SharedQuotaOf(KeySpec? spec, string operation) => spec switch
    {
        KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096 => "rsa",
        KeySpec.ECC_NIST_P256 or KeySpec.ECC_NIST_P384 or KeySpec.ECC_NIST_P521 or KeySpec.ECC_SECG_P256K1
            or KeySpec.ECC_NIST_EDWARDS25519 or KeySpec.SM2 => "ecc",
        KeySpec.ML_DSA_44 or KeySpec.ML_DSA_65 or KeySpec.ML_DSA_87 => "ml-dsa",
        null when operation is "Sign" or "Verify" => "rsa",
        null when operation is "DeriveSharedSecret" => "ecc",
        _ => "symmetric",
    };

    /// <summary>Charges the call to its quota; throws ThrottlingException when the quota is used up.</summary>
    public void Charge(KmsCommand command, DateTimeOffset now)
    {
        if (QuotaOf(command.Operation, command.Request) is not { } quota)
            return;
        var bucket = _buckets.GetOrAdd((command.Caller.AccountId, command.Region, quota), key =>
        {
            var rate = RateOf(key.Quota);
            return new TokenBucket(rate, rate * _settings.Burst.TotalSeconds, now);
        });
        if (!bucket.TryTake(now))
            throw new KmsException(KmsErrorCodes.ThrottlingException, ThrottlingMessage);
    }

    private double RateOf(string quota)
    {
        if (_settings.SharedQuotas.TryGetValue(quota, out var shared))
            return shared;
        if (_settings.OperationQuotas.TryGetValue(quota, out var own))
            return own;
        // "GenerateDataKeyPair (RSA_2048)" → the data-key-pairs rate of RSA_2048.
        return _settings.DataKeyPairQuotas[quota["GenerateDataKeyPair (".Length..^1]];
    }
}
