using Akka.Actor;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Keys;

// Related multi-Region keys share their key material (docs/multi-region-keys.md). A primary tells every replica when its
// material changed; a replica persists the same change (material sealed under its own data key) and tells its primary
// when it imported the primary's pending material. Messages go region → engine → region (ToRelatedKey).
public sealed partial class KeyActor
{
    /// <summary>After a persisted decision: a primary whose materials changed (or that gained a replica) tells its
    /// replicas; a replica that imported its primary's pending material tells the primary.</summary>
    private void AfterPersisted(KmsKey? before, IReadOnlyList<IKeyEvent> events)
    {
        if (_key is not { MultiRegion: true } key)
            return;
        if (key.MultiRegionKeyType == MultiRegionKeyType.PRIMARY && !key.ReplicaArns.IsEmpty
            && (events.Any(e => e is ReplicaAdded) || before is null || !SameMaterials(before, key)))
        {
            foreach (var replicaArn in key.ReplicaArns)
                RouteTo(replicaArn, new PrimaryMaterialsChanged(key));
        }
        if (key.MultiRegionKeyType == MultiRegionKeyType.REPLICA && key.PrimaryArn is { } primaryArn)
        {
            foreach (var imported in events.OfType<KeyMaterialImported>())
            {
                if (imported.KeyMaterialState == KeyMaterialState.PENDING_ROTATION)
                    RouteTo(primaryArn, new ReplicaHoldsMaterial(_arn, imported.KeyMaterialId));
            }
        }
    }

    private static bool SameMaterials(KmsKey a, KmsKey b) =>
        a.Materials.Count == b.Materials.Count
        && Enumerable.Range(0, a.Materials.Count).All(i =>
            a.Materials[i].KeyMaterialId == b.Materials[i].KeyMaterialId && a.Materials[i].KeyMaterialState == b.Materials[i].KeyMaterialState);

    private void RouteTo(string arn, object message) => ToRegion(new ToRelatedKey(arn, message));

    /// <summary>On a replica: follow the primary's material; CloudTrail records SynchronizeMultiRegionKey in this Region.</summary>
    private void OnPrimaryMaterialsChanged(PrimaryMaterialsChanged changed)
    {
        if (_key is null || _deleted)
            return;
        var decision = KeyRules.SyncFromPrimary(_key, changed.Primary, Now);
        if (decision.Events.IsEmpty)
            return;
        PersistDecision(decision, () => PublishServiceEvent("SynchronizeMultiRegionKey", _key.CurrentMaterial?.KeyMaterialId, Now));
    }

    /// <summary>On a primary: a replica holds the pending material now.</summary>
    private void OnReplicaHoldsMaterial(ReplicaHoldsMaterial holds)
    {
        if (_key is null || _deleted)
            return;
        PersistDecision(KeyRules.RecordReplicaMaterial(_key, holds.ReplicaArn, holds.KeyMaterialId, Now), () => { });
    }
}
