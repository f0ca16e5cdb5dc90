using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion (docs/key-states.md; deletion window: docs/limits.md).
public static partial class KeyRules
{
    public const int MinPendingWindowInDays = 7;
    public const int MaxPendingWindowInDays = 30;
    public const int DefaultPendingWindowInDays = 30;

    private static KeyDecision EnableKey(KmsKey key, EnableKeyRequest r, KeyContext c)
    {
        CheckState(key, "EnableKey");
        return key.State == KeyState.Enabled
            ? KeyDecision.Reply(EmptyResponse.Instance)
            : KeyDecision.Persist(EmptyResponse.Instance, new KeyEnabled(c.Now));
    }

    private static KeyDecision DisableKey(KmsKey key, DisableKeyRequest r, KeyContext c)
    {
        CheckState(key, "DisableKey");
        return key.State == KeyState.Disabled
            ? KeyDecision.Reply(EmptyResponse.Instance)
            : KeyDecision.Persist(EmptyResponse.Instance, new KeyDisabled(c.Now));
    }

    private static KeyDecision ScheduleKeyDeletion(KmsKey key, ScheduleKeyDeletionRequest r, KeyContext c)
    {
        // AWS: the model allows 1–365 but the documented (and enforced) window is 7–30 days, default 30.
        var days = r.PendingWindowInDays ?? DefaultPendingWindowInDays;
        if (days < MinPendingWindowInDays)
            throw Violation("pendingWindowInDays", days, $"Member must have value greater than or equal to {MinPendingWindowInDays}");
        if (days > MaxPendingWindowInDays)
            throw Violation("pendingWindowInDays", days, $"Member must have value less than or equal to {MaxPendingWindowInDays}");
        CheckState(key, "ScheduleKeyDeletion");

        // AWS: a multi-Region primary with replicas waits in PendingReplicaDeletion; no DeletionDate yet.
        var waitsForReplicas = key.MultiRegionKeyType == MultiRegionKeyType.PRIMARY && !key.ReplicaArns.IsEmpty;
        DateTimeOffset? deletionDate = waitsForReplicas ? null : c.Now.AddDays(days);
        var response = new ScheduleKeyDeletionResponse
        {
            KeyId = key.Arn,
            DeletionDate = deletionDate,
            KeyState = waitsForReplicas ? KeyState.PendingReplicaDeletion : KeyState.PendingDeletion,
            PendingWindowInDays = days,
        };
        return KeyDecision.Persist(response, new KeyDeletionScheduled(deletionDate, days, waitsForReplicas));
    }

    private static KeyDecision CancelKeyDeletion(KmsKey key, CancelKeyDeletionRequest r)
    {
        CheckState(key, "CancelKeyDeletion");
        // AWS: the key becomes Disabled. Our choice (docs/byok.md): an EXTERNAL key missing permanently-associated material goes to PendingImport.
        var state = key.Origin == OriginType.EXTERNAL && !HasAllPermanentMaterial(key) ? KeyState.PendingImport : KeyState.Disabled;
        return KeyDecision.Persist(new CancelKeyDeletionResponse { KeyId = key.Arn }, new KeyDeletionCanceled(state));
    }
}
