using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

/// <summary>A new multi-Region replica leaves the transient Creating state for <paramref name="State"/> (Enabled, or
/// PendingImport for imported key material) at <paramref name="At"/> (docs/multi-region-keys.md).</summary>
[PersistedAs("ReplicaCreationCompleted", 1)]
public sealed record ReplicaCreationCompleted(KeyState State, DateTimeOffset At) : IKeyEvent;
