using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

/// <summary>On a primary: the replica <paramref name="ReplicaArn"/> imported the pending material
/// <paramref name="KeyMaterialId"/>; once every replica has, the material is PENDING_ROTATION (docs/multi-region-keys.md).</summary>
[PersistedAs("ReplicaMaterialImported", 1)]
public sealed record ReplicaMaterialImported(string ReplicaArn, string KeyMaterialId, DateTimeOffset At) : IKeyEvent;
