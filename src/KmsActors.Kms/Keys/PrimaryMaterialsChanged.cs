namespace KmsActors.Kms.Keys;

/// <summary>Primary → each replica (through <see cref="Protocol.ToRelatedKey"/>), after the primary's key material changed
/// (rotation, new imported material, its deletion): the replica persists what it needs to hold the same material
/// (<see cref="KeyRules.SyncFromPrimary"/>). Carries the primary's state in memory, material included.</summary>
public sealed record PrimaryMaterialsChanged(KmsKey Primary);
