namespace KmsActors.Kms.Keys;

/// <summary>Replica → its primary (through <see cref="Protocol.ToRelatedKey"/>): the replica imported the primary's pending
/// material <paramref name="KeyMaterialId"/> (<see cref="KeyRules.RecordReplicaMaterial"/>).</summary>
public sealed record ReplicaHoldsMaterial(string ReplicaArn, string KeyMaterialId);
