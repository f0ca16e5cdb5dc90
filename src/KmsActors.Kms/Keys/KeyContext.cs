using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

/// <summary>
/// Everything <see cref="KeyRules"/> needs besides the key and the request. The rules read no clock and do no
/// crypto: the key actor fills this from <c>Context.System.Scheduler.Now</c>, the settings and its crypto objects.
/// </summary>
public sealed record KeyContext
{
    /// <summary>The engine clock (the actor system's scheduler).</summary>
    public required DateTimeOffset Now { get; init; }
    public required string AccountId { get; init; }
    public required string Region { get; init; }

    /// <summary>CreateKey / replica creation: the ID the region chose ("mrk-" + 32 hex for multi-Region keys, a GUID otherwise).</summary>
    public string? NewKeyId { get; init; }

    /// <summary>CreateKey with Origin AWS_KMS, RotateKeyOnDemand on an AWS_KMS key: material the actor generated for the key spec.</summary>
    public GeneratedMaterial? GeneratedMaterial { get; init; }

    /// <summary>ImportKeyMaterial: the token checked and the material unwrapped and validated by the actor.</summary>
    public ValidatedImport? Import { get; init; }

    /// <summary>kms.multi-region.replica-creation-delay: how long a new replica stays Creating.</summary>
    public TimeSpan ReplicaCreationDelay { get; init; }

    /// <summary>kms.import.allow-legacy-pkcs1 (docs/byok.md).</summary>
    public bool AllowLegacyPkcs1 { get; init; }

    /// <summary>China Regions (cn-north-1, cn-northwest-1) are the partition aws-cn.</summary>
    public bool IsChina => AwsPartition.IsChina(Region);

    public string Partition => AwsPartition.Of(Region);

    public string KeyArn(string keyId) => Regions.KmsArn.Key(AccountId, Region, keyId);
}
