using System.Collections.Immutable;
using System.Text.Json.Serialization;
using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

/// <summary>
/// A KMS key as the engine knows it: the state the key rules decide on and the key actor's snapshot.
/// Immutable; <c>KeyRules.Apply</c> returns the next one. Version 2 of the snapshot holds materials sealed only
/// (<see cref="KeyMaterialEntry.SealedMaterial"/>); version 1 held them in plain.
/// </summary>
[PersistedAs("KmsKey", 2, ReadsSince = 1)]
public sealed record KmsKey : IKmsPersistentMessage
{
    public required string KeyId { get; init; }
    public required string Arn { get; init; }
    public required string AccountId { get; init; }
    public required string Region { get; init; }
    public required DateTimeOffset CreationDate { get; init; }
    public string Description { get; init; } = "";
    public required KeyUsageType KeyUsage { get; init; }
    public required KeySpec KeySpec { get; init; }
    public required OriginType Origin { get; init; }
    public required KeyState State { get; init; }

    /// <summary>Set while PendingDeletion / PendingReplicaDeletion.</summary>
    public DateTimeOffset? DeletionDate { get; init; }
    public int? PendingWindowInDays { get; init; }

    public bool MultiRegion { get; init; }
    /// <summary>PRIMARY or REPLICA for multi-Region keys; null otherwise.</summary>
    public MultiRegionKeyType? MultiRegionKeyType { get; init; }
    /// <summary>The primary's ARN (a primary names itself).</summary>
    public string? PrimaryArn { get; init; }
    /// <summary>A replica in the Creating state becomes usable at this moment (kms.multi-region.replica-creation-delay
    /// after ReplicateKey); null otherwise (docs/multi-region-keys.md).</summary>
    public DateTimeOffset? CreatingUntil { get; init; }
    /// <summary>On a primary: the ARNs of its replicas.</summary>
    public ImmutableList<string> ReplicaArns { get; init; } = [];
    /// <summary>Set while the key is Updating after UpdatePrimaryRegion: when it returns to Enabled (docs/multi-region-keys.md).</summary>
    public DateTimeOffset? UpdatingUntil { get; init; }

    /// <summary>Key policies by name (KMS has only "default").</summary>
    public ImmutableSortedDictionary<string, string> Policies { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    public ImmutableSortedDictionary<string, string> Tags { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Every material the key holds or ever held (in association order), see <see cref="KeyMaterialEntry"/>.</summary>
    public ImmutableList<KeyMaterialEntry> Materials { get; init; } = [];

    /// <summary>Import tokens this key consumed, by token ID, with the time they would have expired (docs/byok.md: single use).</summary>
    public ImmutableSortedDictionary<string, DateTimeOffset> ConsumedImportTokens { get; init; } = ImmutableSortedDictionary<string, DateTimeOffset>.Empty;

    /// <summary>The key's grants in creation order (docs/grants.md). Written to the journal only when there are any
    /// (<see cref="GrantsInJournal"/>), so snapshots of keys without grants read and write as version 2 always did.</summary>
    [JsonIgnore]
    public ImmutableList<Grant> Grants { get; init; } = [];

    [JsonInclude, JsonPropertyName("Grants")]
    private ImmutableList<Grant>? GrantsInJournal
    {
        get => Grants.IsEmpty ? null : Grants;
        init => Grants = value ?? [];
    }

    /// <summary>Completed on-demand rotations (AWS: at most 25 per key).</summary>
    public int OnDemandRotations { get; init; }

    /// <summary>Automatic rotation (AWS_KMS symmetric keys only).</summary>
    public bool KeyRotationEnabled { get; init; }
    public int? RotationPeriodInDays { get; init; }
    public DateTimeOffset? NextRotationDate { get; init; }

    /// <summary>The material encryptions use now (CURRENT), if it is present.</summary>
    public KeyMaterialEntry? CurrentMaterial
    {
        get
        {
            // Loops, not LINQ: LINQ over an ImmutableList boxes its enumerator, and these run on every crypto call.
            foreach (var entry in Materials)
            {
                if (entry.KeyMaterialState == KeyMaterialState.CURRENT)
                    return entry;
            }
            return null;
        }
    }

    /// <summary>The material with this ID if it is present (not deleted or expired), else null.</summary>
    public KeyMaterialEntry? PresentMaterial(string keyMaterialId)
    {
        foreach (var entry in Materials)
        {
            if (entry.KeyMaterialId == keyMaterialId && entry.IsPresent)
                return entry;
        }
        return null;
    }
}
