using System.Collections.Concurrent;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Realism;

/// <summary>
/// AWS KMS request quotas (docs/limits.md): a token bucket per quota per account and Region, refilled on the
/// engine's clock. The cryptographic operations share one quota per key type (symmetric — HMAC included — RSA,
/// ECC); other operations have their own. A call over its quota fails with ThrottlingException.
/// </summary>
public sealed class RequestQuotas
{
    public const string ThrottlingMessage = "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.";

    /// <summary>Operations charged to the shared cryptographic quota of their key's type.</summary>
    public static readonly IReadOnlySet<string> CryptographicOperations = new HashSet<string>(StringComparer.Ordinal)
    {
        "Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "GenerateRandom",
        "GenerateMac", "VerifyMac", "Sign", "Verify", "DeriveSharedSecret",
    };

    private readonly RealismSettings _settings;
    private readonly KnownKeys _keys;
    private readonly ConcurrentDictionary<(string Account, string Region, string Quota), TokenBucket> _buckets = new();

    public RequestQuotas(RealismSettings settings, KnownKeys keys)
    {
        _settings = settings;
        _keys = keys;
    }

    /// <summary>The quota a call is charged to ("symmetric", "rsa", "ecc" or the operation's name); null: not limited.</summary>
    public string? QuotaOf(string operation, object request)
    {
        if (!CryptographicOperations.Contains(operation))
            return _settings.OperationQuotas.ContainsKey(operation) ? operation : null;
        var spec = _keys.SpecOf(KnownKeys.KeyIdOf(request));
        var shared = spec switch
        {
            KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096 => "rsa",
            KeySpec.ECC_NIST_P256 or KeySpec.ECC_NIST_P384 or KeySpec.ECC_NIST_P521 or KeySpec.ECC_SECG_P256K1 or KeySpec.SM2 => "ecc",
            null when operation is "Sign" or "Verify" => "rsa",
            null when operation is "DeriveSharedSecret" => "ecc",
            _ => "symmetric",
        };
        return _settings.SharedQuotas.ContainsKey(shared) ? shared : null;
    }

    /// <summary>Charges the call to its quota; throws ThrottlingException when the quota is used up.</summary>
    public void Charge(KmsCommand command, DateTimeOffset now)
    {
        if (QuotaOf(command.Operation, command.Request) is not { } quota)
            return;
        var bucket = _buckets.GetOrAdd((command.Caller.AccountId, command.Region, quota), key =>
        {
            var rate = _settings.SharedQuotas.TryGetValue(key.Quota, out var shared) ? shared : _settings.OperationQuotas[key.Quota];
            return new TokenBucket(rate, rate * _settings.Burst.TotalSeconds, now);
        });
        if (!bucket.TryTake(now))
            throw new KmsException(KmsErrorCodes.ThrottlingException, ThrottlingMessage);
    }
}
