using KmsActors.Kms.Keys;

namespace KmsActors.Kms.Policy;

/// <summary>
/// What <see cref="KmsConditionKeys.Build"/> needs to know of one KMS call to make its request context: the action
/// being authorized, the request as the caller sent it, the key it targets, who calls, from where, and when.
/// The rules that turn these into condition keys are in docs/condition-keys.md.
/// </summary>
public sealed record KmsCallFacts
{
    /// <summary>The IAM action being authorized, with or without "kms:": the operation's name ("Encrypt"), or for a
    /// ReEncrypt request "ReEncryptFrom" (<see cref="Key"/> the source key) or "ReEncryptTo" (the destination key); for
    /// the tag permission of CreateKey or ReplicateKey, "TagResource" with that request.</summary>
    public required string Operation { get; init; }

    /// <summary>One of the Model request records (e.g. <c>EncryptRequest</c>).</summary>
    public required object Request { get; init; }

    /// <summary>The target key's state; null for the operations without a key resource and for CreateKey.</summary>
    public KmsKey? Key { get; init; }

    public required PrincipalInfo Principal { get; init; }

    /// <summary>The Region the request is sent to (aws:RequestedRegion).</summary>
    public required string Region { get; init; }

    /// <summary>The time of the request (aws:CurrentTime, aws:EpochTime).</summary>
    public required DateTimeOffset Now { get; init; }

    public string SourceIp { get; init; } = "127.0.0.1";

    /// <summary>aws:SecureTransport. True by default: AWS KMS endpoints answer only HTTPS.</summary>
    public bool SecureTransport { get; init; } = true;

    /// <summary>The alias the caller named the key by ("alias/app", or its alias ARN), when it did.</summary>
    public string? RequestAlias { get; init; }

    /// <summary>The key's aliases, as names with "alias/".</summary>
    public IReadOnlyList<string> ResourceAliases { get; init; } = [];

    /// <summary>The service that calls on the principal's behalf ("ec2.us-east-1.amazonaws.com"); null for direct calls.</summary>
    public string? ViaService { get; init; }

    /// <summary>For ReEncryptFrom/ReEncryptTo: the ARN of the other key of the ReEncrypt (the destination key when
    /// authorizing ReEncryptFrom, the source key for ReEncryptTo), for kms:ReEncryptOnSameKey; absent when null.</summary>
    public string? ReEncryptPeerKeyArn { get; init; }
}
