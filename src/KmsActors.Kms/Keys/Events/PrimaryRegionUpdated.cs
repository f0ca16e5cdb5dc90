using System.Collections.Immutable;
using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

/// <summary>UpdatePrimaryRegion moved the primary of this key's multi-Region set (docs/multi-region-keys.md): the key is
/// now <paramref name="KeyType"/>, the set's primary is <paramref name="PrimaryArn"/> and its replicas
/// <paramref name="ReplicaArns"/> (on a replica, itself included). <paramref name="UpdatingUntil"/> is set on the old and
/// the new primary only: they are in the transient key state Updating until then, when they return to Enabled.</summary>
[PersistedAs("PrimaryRegionUpdated")]
public sealed record PrimaryRegionUpdated(MultiRegionKeyType KeyType, string PrimaryArn, ImmutableList<string> ReplicaArns, DateTimeOffset? UpdatingUntil) : IKeyEvent;
