namespace KmsActors.Kms.Keys;

/// <summary>ScheduleKeyDeletion. <paramref name="DeletionDate"/> is null when <paramref name="PendingReplicaDeletion"/>:
/// a multi-Region primary with replicas waits for them first (AWS: its window starts when the last replica is deleted).</summary>
public sealed record KeyDeletionScheduled(DateTimeOffset? DeletionDate, int PendingWindowInDays, bool PendingReplicaDeletion) : IKeyEvent;
