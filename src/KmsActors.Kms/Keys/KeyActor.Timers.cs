using System.Collections.Immutable;
using Akka.Actor;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// Material expiry at ValidTo and key deletion at DeletionDate (docs/byok.md; their audit records: docs/audit.md), on Akka timers so virtual
// time (TestScheduler) drives them in tests.
public sealed partial class KeyActor
{
    /// <summary>Longest single timer delay; longer waits re-arm on fire, so far dates never overflow the scheduler.</summary>
    internal static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(30);

    private const string DueTimerKey = "due";

    private sealed record DueTimer
    {
        public static readonly DueTimer Instance = new();
    }

    /// <summary>Arms one timer for the earliest ValidTo, DeletionDate or end of a replica's Creating state (null: none).</summary>
    private void ArmTimers()
    {
        Timers.Cancel(DueTimerKey);
        if (_key is null || _deleted || KeyRules.NextDueDate(_key) is not { } due)
            return;
        var delay = due - Now;
        if (delay < TimeSpan.Zero)
            delay = TimeSpan.Zero;
        Timers.StartSingleTimer(DueTimerKey, DueTimer.Instance, delay > MaxTimerDelay ? MaxTimerDelay : delay);
    }

    /// <summary>
    /// Acts on what is due now: every material whose ValidTo has come is deleted (Expired = true, CloudTrail
    /// DeleteExpiredKeyMaterial; a PendingDeletion key stays PendingDeletion), and a key whose DeletionDate has come is
    /// deleted (CloudTrail DeleteKey): the parent hears KeyStatusChanged(Deleted: true) and the actor stops.
    /// </summary>
    private void OnDue()
    {
        if (_key is null || _deleted)
            return;
        var events = DueEvents(_key, Now);
        if (events.IsEmpty)
        {
            ArmTimers(); // a long wait re-arms in steps of at most MaxTimerDelay
            return;
        }
        PersistDecision(new KeyDecision(events, null), () =>
        {
            foreach (var expired in events.OfType<KeyMaterialDeleted>())
                PublishServiceEvent("DeleteExpiredKeyMaterial", expired.KeyMaterialId, expired.At);
            if (!_deleted)
                return;
            PublishServiceEvent("DeleteKey", null, events.OfType<KeyDeleted>().Single().At);
            Timers.CancelAll();
            Report(new KeyStatusChanged(_keyId, _key!.State, null, Deleted: true));
            Context.Stop(Self);
        });
    }

    /// <summary>What is due at <paramref name="now"/>: expired materials first, then the key's deletion.</summary>
    private static ImmutableList<IKeyEvent> DueEvents(KmsKey key, DateTimeOffset now)
    {
        var expiry = KeyRules.ExpireMaterial(key, now);
        var created = KeyRules.CompleteReplicaCreation(key, now);
        var events = expiry.Events.AddRange(created.Events).AddRange(KeyRules.CompleteUpdateIfDue(key, now).Events);
        return events.AddRange(KeyRules.DeleteIfDue(events.Aggregate(key, KeyRules.Apply), now).Events);
    }
}
