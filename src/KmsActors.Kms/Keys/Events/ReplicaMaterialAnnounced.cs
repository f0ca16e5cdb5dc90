using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

/// <summary>On a replica: its primary took new key material (ImportKeyMaterial NEW_KEY_MATERIAL), known here by ID and
/// commitment only, pending import into this replica (docs/multi-region-keys.md).</summary>
[PersistedAs("ReplicaMaterialAnnounced", 1)]
public sealed record ReplicaMaterialAnnounced(string KeyMaterialId, byte[] Commitment, DateTimeOffset At) : IKeyEvent;
