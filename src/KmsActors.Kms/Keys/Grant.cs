using System.Collections.Immutable;
using System.Text.Json.Serialization;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

/// <summary>
/// One grant on a key, as the key's state holds it (docs/grants.md). Immutable; created by CreateGrant
/// (<see cref="GrantCreated"/>), gone with RetireGrant / RevokeGrant (<see cref="GrantRetired"/>) or with the key.
/// The constraints are stored as given: their keys compare case-insensitively only when a request is matched
/// (<see cref="Policy.GrantRules"/>), as AWS documents for grant constraints.
/// </summary>
public sealed record Grant
{
    /// <summary>64 lower-case hex digits, as AWS's grant IDs look.</summary>
    public required string GrantId { get; init; }
    public string? Name { get; init; }
    public required DateTimeOffset CreationDate { get; init; }
    public required string GranteePrincipal { get; init; }
    public string? RetiringPrincipal { get; init; }
    /// <summary>The root ARN of the account the grant was created in (AWS's ListGrants IssuingAccount).</summary>
    public required string IssuingAccount { get; init; }
    /// <summary>In the order the request gave them (duplicates removed).</summary>
    public required ImmutableList<GrantOperation> Operations { get; init; }
    public ImmutableSortedDictionary<string, string>? EncryptionContextEquals { get; init; }
    public ImmutableSortedDictionary<string, string>? EncryptionContextSubset { get; init; }

    [JsonIgnore]
    public bool HasConstraints => EncryptionContextEquals is not null || EncryptionContextSubset is not null;

    /// <summary>The grant as ListGrants / ListRetirableGrants show it.</summary>
    public GrantListEntry ToListEntry(string keyArn) => new()
    {
        KeyId = keyArn,
        GrantId = GrantId,
        Name = Name,
        CreationDate = CreationDate,
        GranteePrincipal = GranteePrincipal,
        RetiringPrincipal = RetiringPrincipal,
        IssuingAccount = IssuingAccount,
        Operations = Operations,
        Constraints = HasConstraints ? new GrantConstraints { EncryptionContextEquals = EncryptionContextEquals, EncryptionContextSubset = EncryptionContextSubset } : null,
    };
}
