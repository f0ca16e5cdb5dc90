using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

/// <summary>On a replica: its primary deleted key material that was pending rotation, so the replica's copy (imported or
/// not) goes too (AWS: deleting pending material of a primary deletes it in the replicas; docs/multi-region-keys.md).</summary>
[PersistedAs("ReplicaMaterialWithdrawn", 1)]
public sealed record ReplicaMaterialWithdrawn(string KeyMaterialId, DateTimeOffset At) : IKeyEvent;
