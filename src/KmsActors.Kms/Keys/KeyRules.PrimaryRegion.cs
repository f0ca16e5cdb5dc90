using System.Collections.Immutable;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// UpdatePrimaryRegion (docs/multi-region-keys.md): the primary approves, the replica in PrimaryRegion becomes the primary,
// then the old primary becomes a replica and the set's other replicas follow. Both moving keys are Updating for a while.
public static partial class KeyRules
{
    /// <summary>UpdatePrimaryRegion on the current primary: approves (no events: the actor asks the new primary's region
    /// first) or refuses. Checked in AWS's order as far as it shows: the key's kind, its state, then the target region.</summary>
    private static KeyDecision ApproveUpdatePrimaryRegion(KmsKey key, UpdatePrimaryRegionRequest r)
    {
        if (key.MultiRegionKeyType != MultiRegionKeyType.PRIMARY)
            throw NotAPrimary(key);
        CheckState(key, "UpdatePrimaryRegion");
        if (r.PrimaryRegion == key.Region)
            throw KmsException.Unsupported($"{key.Arn} is already the primary key in {r.PrimaryRegion}.");
        if (ReplicaIn(key, r.PrimaryRegion!) is null)
            throw KmsException.NotFound($"{key.Arn} has no replica key in {r.PrimaryRegion}.");
        return KeyDecision.Reply(null);
    }

    /// <summary>The replica of <paramref name="primary"/> in <paramref name="region"/>, or null.</summary>
    public static string? ReplicaIn(KmsKey primary, string region) =>
        primary.ReplicaArns.FirstOrDefault(arn => RegionOf(arn) == region);

    /// <summary>AWS's recorded answer to ReplicateKey on a key that is no multi-Region primary (lower-case "multi-region").</summary>
    internal static KmsException NotAPrimary(KmsKey key) => KmsException.Unsupported($"{key.Arn} is not a multi-region primary key.");

    /// <summary>The replicas of the set once <paramref name="newPrimaryArn"/> is its primary: the old primary takes the new
    /// primary's place in the list, so the other replicas keep their order.</summary>
    public static ImmutableList<string> ReplicasAfterMove(KmsKey oldPrimary, string newPrimaryArn) =>
        oldPrimary.ReplicaArns.Select(arn => arn == newPrimaryArn ? oldPrimary.Arn : arn).ToImmutableList();

    /// <summary>The replica in PrimaryRegion becomes the primary: it must be the replica of <paramref name="oldPrimary"/>
    /// and Enabled (AWS: both keys must be Enabled when the operation starts). It is Updating until <paramref name="until"/>.</summary>
    public static KeyDecision PromoteToPrimary(KmsKey replica, KmsKey oldPrimary, DateTimeOffset until)
    {
        if (replica.MultiRegionKeyType != MultiRegionKeyType.REPLICA || replica.PrimaryArn != oldPrimary.Arn)
            throw KmsException.NotFound($"{oldPrimary.Arn} has no replica key in {replica.Region}.");
        CheckState(replica, "UpdatePrimaryRegion");
        return KeyDecision.Persist(EmptyResponse.Instance,
            new PrimaryRegionUpdated(MultiRegionKeyType.PRIMARY, replica.Arn, ReplicasAfterMove(oldPrimary, replica.Arn), until));
    }

    /// <summary>The old primary, once the new one is persisted, becomes its replica, Updating until <paramref name="until"/>.
    /// No state check: the move is decided (the new primary is already primary); the key was Enabled when it approved.</summary>
    public static KeyDecision BecomeReplica(KmsKey oldPrimary, string newPrimaryArn, DateTimeOffset until) =>
        oldPrimary.MultiRegionKeyType != MultiRegionKeyType.PRIMARY
            ? KeyDecision.Reply(null)
            : KeyDecision.Persist(EmptyResponse.Instance,
                new PrimaryRegionUpdated(MultiRegionKeyType.REPLICA, newPrimaryArn, ReplicasAfterMove(oldPrimary, newPrimaryArn), until));

    /// <summary>Another replica of the set learns its new primary and replica list; its own state does not change.</summary>
    public static KeyDecision FollowPrimary(KmsKey replica, string primaryArn, ImmutableList<string> replicaArns) =>
        replica.MultiRegionKeyType != MultiRegionKeyType.REPLICA || (replica.PrimaryArn == primaryArn && replica.ReplicaArns.SequenceEqual(replicaArns))
            ? KeyDecision.Reply(null)
            : KeyDecision.Persist(null, new PrimaryRegionUpdated(MultiRegionKeyType.REPLICA, primaryArn, replicaArns, null));

    /// <summary>The Updating timer's decision: at UpdatingUntil the key is Enabled again.</summary>
    public static KeyDecision CompleteUpdateIfDue(KmsKey key, DateTimeOffset now) =>
        key.State == KeyState.Updating && key.UpdatingUntil is { } until && until <= now
            ? KeyDecision.Persist(null, new KeyUpdateCompleted(until))
            : KeyDecision.Reply(null);

    /// <summary>AWS: while Updating, a key can be used in cryptographic operations, but "certain management operations"
    /// (replicating, enabling, disabling) fail. KmsActors lets through exactly what CloudTrail marks read-only (the
    /// cryptographic operations, Describe*, Get*, List*) and refuses every operation that would change the key.</summary>
    private static bool UsableWhileUpdating(string operation) => Audit.AuditRecord.IsReadOnly(operation);

    private static KmsKey PrimaryRegionMoved(KmsKey key, PrimaryRegionUpdated e) => key with
    {
        MultiRegionKeyType = e.KeyType,
        PrimaryArn = e.PrimaryArn,
        ReplicaArns = e.ReplicaArns,
        State = e.UpdatingUntil is null ? key.State : KeyState.Updating,
        UpdatingUntil = e.UpdatingUntil,
    };
}
