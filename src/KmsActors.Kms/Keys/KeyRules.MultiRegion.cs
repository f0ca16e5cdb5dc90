using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// Shared key material of related multi-Region keys (docs/multi-region-keys.md): a replica's transient Creating state,
// and how a replica follows its primary's material (rotation, new imported material, its deletion).
public static partial class KeyRules
{
    /// <summary>The replica-creation timer's decision: a Creating replica whose moment has come becomes Enabled, or
    /// PendingImport when it lacks imported material (AWS: "changes to Enabled (or PendingImport) after a few seconds").</summary>
    public static KeyDecision CompleteReplicaCreation(KmsKey key, DateTimeOffset now)
    {
        if (key.State != KeyState.Creating || key.CreatingUntil is not { } until || until > now)
            return KeyDecision.Reply(null);
        var state = key.Origin == OriginType.EXTERNAL && !HasAllPermanentMaterial(key) ? KeyState.PendingImport : KeyState.Enabled;
        return KeyDecision.Persist(null, new ReplicaCreationCompleted(state, until));
    }

    /// <summary>
    /// What a replica persists to hold the same material as <paramref name="primary"/>: materials it rotated to
    /// (KeyRotated, with the material for AWS_KMS keys), new pending material announced by ID and commitment
    /// (EXTERNAL keys; the replica imports it itself), pending material the primary deleted withdrawn. Nothing when
    /// they already agree, or when <paramref name="primary"/> is not this replica's primary.
    /// </summary>
    public static KeyDecision SyncFromPrimary(KmsKey replica, KmsKey primary, DateTimeOffset now)
    {
        if (replica.MultiRegionKeyType != MultiRegionKeyType.REPLICA || primary.MultiRegionKeyType != MultiRegionKeyType.PRIMARY
            || primary.KeyId != replica.KeyId || primary.AccountId != replica.AccountId || replica.PrimaryArn != primary.Arn)
            return KeyDecision.Reply(null);
        var external = primary.Origin == OriginType.EXTERNAL;
        var events = new List<IKeyEvent>();
        var state = replica;
        void Add(IKeyEvent e)
        {
            events.Add(e);
            state = Apply(state, e);
        }
        foreach (var theirs in primary.Materials)
        {
            var ours = state.Materials.Find(m => m.KeyMaterialId == theirs.KeyMaterialId);
            if (ours is null && external)
                Add(new ReplicaMaterialAnnounced(theirs.KeyMaterialId, theirs.Commitment, now));
            if (!theirs.IsPermanentlyAssociated)
                continue;
            var rotated = new KeyRotated(theirs.KeyMaterialId, theirs.RotationDate ?? now, theirs.RotationType ?? RotationType.ON_DEMAND);
            if (ours is null && !external && theirs.Material is { } material)
                Add(rotated with { GeneratedCommitment = theirs.Commitment, GeneratedMaterial = material });
            else if (external && (ours is null || !ours.IsPermanentlyAssociated))
                Add(rotated);
            else if (theirs.KeyMaterialState == KeyMaterialState.CURRENT && ours is { IsPermanentlyAssociated: true, KeyMaterialState: not KeyMaterialState.CURRENT })
                Add(rotated);
        }
        foreach (var pending in replica.Materials.Where(m => !m.IsPermanentlyAssociated && primary.Materials.All(p => p.KeyMaterialId != m.KeyMaterialId)))
            Add(new ReplicaMaterialWithdrawn(pending.KeyMaterialId, now));
        return new KeyDecision([.. events], null);
    }

    /// <summary>On a primary: <paramref name="replicaArn"/> imported the pending material <paramref name="keyMaterialId"/>.</summary>
    public static KeyDecision RecordReplicaMaterial(KmsKey primary, string replicaArn, string keyMaterialId, DateTimeOffset now)
    {
        var entry = primary.Materials.Find(m => m.KeyMaterialId == keyMaterialId);
        if (primary.MultiRegionKeyType != MultiRegionKeyType.PRIMARY || !primary.ReplicaArns.Contains(replicaArn)
            || entry is null || entry.IsPermanentlyAssociated || entry.ImportedInReplicas?.Contains(replicaArn) == true)
            return KeyDecision.Reply(null);
        return KeyDecision.Persist(null, new ReplicaMaterialImported(replicaArn, keyMaterialId, now));
    }

    /// <summary>AWS: pending material of an EXTERNAL multi-Region primary is PENDING_MULTI_REGION_IMPORT_AND_ROTATION
    /// until every replica has imported it, then PENDING_ROTATION.</summary>
    private static KmsKey WithPendingStates(KmsKey key)
    {
        if (key.MultiRegionKeyType != MultiRegionKeyType.PRIMARY || key.Origin != OriginType.EXTERNAL)
            return key;
        var materials = key.Materials;
        for (var i = 0; i < materials.Count; i++)
        {
            var entry = materials[i];
            if (entry.IsPermanentlyAssociated)
                continue;
            var everywhere = key.ReplicaArns.All(arn => entry.ImportedInReplicas?.Contains(arn) == true);
            var state = everywhere ? KeyMaterialState.PENDING_ROTATION : KeyMaterialState.PENDING_MULTI_REGION_IMPORT_AND_ROTATION;
            if (entry.KeyMaterialState != state)
                materials = materials.SetItem(i, entry with { KeyMaterialState = state });
        }
        return key with { Materials = materials };
    }

    private static KmsKey MaterialAnnounced(KmsKey key, ReplicaMaterialAnnounced e) =>
        key.Materials.Exists(m => m.KeyMaterialId == e.KeyMaterialId)
            ? key
            : key with
            {
                Materials = key.Materials.Add(new KeyMaterialEntry
                {
                    KeyMaterialId = e.KeyMaterialId,
                    Commitment = e.Commitment,
                    KeyMaterialState = KeyMaterialState.PENDING_MULTI_REGION_IMPORT_AND_ROTATION,
                    ImportState = ImportState.PENDING_IMPORT,
                }),
            };

    private static KmsKey MaterialWithdrawn(KmsKey key, ReplicaMaterialWithdrawn e) =>
        key with { Materials = key.Materials.RemoveAll(m => m.KeyMaterialId == e.KeyMaterialId && !m.IsPermanentlyAssociated) };

    private static KmsKey ReplicaImported(KmsKey key, ReplicaMaterialImported e)
    {
        var index = key.Materials.FindIndex(m => m.KeyMaterialId == e.KeyMaterialId);
        if (index < 0)
            return key;
        var entry = key.Materials[index];
        var replicas = entry.ImportedInReplicas ?? [];
        var updated = entry with { ImportedInReplicas = replicas.Contains(e.ReplicaArn) ? replicas : replicas.Add(e.ReplicaArn) };
        return WithPendingStates(key with { Materials = key.Materials.SetItem(index, updated) });
    }
}
