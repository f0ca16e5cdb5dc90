using KmsActors.Kms.Keys;

namespace KmsActors.Kms.Protocol;

/// <summary>
/// Primary key actor → engine (directly at /user/kms, or through its RegionActor, which passes it up): create
/// the replica described by <paramref name="Message"/> in <paramref name="Region"/> of the primary's account
/// (ReplicateKey, docs/multi-region-keys.md). The engine hands <paramref name="Message"/> to that region's RegionActor.
/// </summary>
public sealed record ReplicateTo(string Region, InitializeReplica Message);
