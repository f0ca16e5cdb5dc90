using KmsActors.Kms.Model;

namespace KmsActors.Kms.Import;

/// <summary>
/// What a GetParametersForImport token binds: the key (ARN), the wrapping algorithm and key spec the caller chose,
/// the validity window and the wrapping private key. Travels only sealed (<see cref="ImportTokenSealer"/>).
/// </summary>
public sealed record ImportToken(
    Guid TokenId,
    string KeyArn,
    AlgorithmSpec WrappingAlgorithm,
    WrappingKeySpec WrappingKeySpec,
    DateTimeOffset IssuedAt,
    DateTimeOffset ValidTo,
    byte[] WrappingPrivateKey)
{
    /// <summary>AWS: the public key and import token are valid for 24 hours (ParametersValidTo = issue time + 24 h).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static ImportToken Issue(string keyArn, AlgorithmSpec wrappingAlgorithm, WrappingKeyPair wrappingKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(wrappingKey);
        return new ImportToken(Guid.NewGuid(), keyArn, wrappingAlgorithm, wrappingKey.Spec, now, now + Lifetime, wrappingKey.PrivateKeyPkcs8);
    }

    /// <summary>The token is expired from ValidTo on, the same instant rule as imported material's ValidTo.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => now >= ValidTo;
}
