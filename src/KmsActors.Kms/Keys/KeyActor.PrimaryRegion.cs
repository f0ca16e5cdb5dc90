using Akka.Actor;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Keys;

// UpdatePrimaryRegion (docs/multi-region-keys.md). The call reaches the current primary, which approves it and asks the
// replica in PrimaryRegion to become the primary; only once that is persisted does the old primary become a replica and
// answer, then tell the set's other replicas. A refusal on either side changes nothing. The caller waits in _replications
// (by request ID) like a ReplicateKey, so the key is not passivated before it has answered.
public sealed partial class KeyActor
{
    /// <summary>The request ID of the move this primary waits on (its replica's answer): meanwhile the key answers as an
    /// Updating key, so a second move, a rotation or a new replica cannot slip in before the roles change (one primary).</summary>
    private string? _movingPrimary;

    private void UpdatePrimaryRegion(KmsCommand command, UpdatePrimaryRegionRequest r, IActorRef replyTo)
    {
        KeyRules.Decide(_key, r, NewContext()); // approves or throws
        _movingPrimary = command.RequestId;
        (_replications ??= new(StringComparer.Ordinal))[command.RequestId] = replyTo;
        ToRegion(new ToRelatedKey(KeyRules.ReplicaIn(_key!, r.PrimaryRegion!)!, new PromoteReplica(command, _key!, Self)));
    }

    private void OnPrimaryRegionMessage(IPrimaryRegionMessage message)
    {
        switch (message)
        {
            case PromoteReplica m: OnPromoteReplica(m); break;
            case ReplicaPromoted m: OnReplicaPromoted(m); break;
            case PromotionRefused m: OnPromotionRefused(m); break;
            case FollowNewPrimary m: OnFollowNewPrimary(m); break;
        }
    }

    private DateTimeOffset UpdatingUntil => Now + _services.Settings.UpdatePrimaryRegionDelay;

    /// <summary>The replica side: AWS requires kms:UpdatePrimaryRegion on the replica too, in its own key policy.</summary>
    private void OnPromoteReplica(PromoteReplica message)
    {
        try
        {
            if (_key is null)
                throw KmsException.NotFound($"{message.OldPrimary.Arn} has no replica key in {_region}.");
            Authorize(message.Command, KmsActions.Of("UpdatePrimaryRegion"));
            var decision = KeyRules.PromoteToPrimary(_key, message.OldPrimary, UpdatingUntil);
            PersistDecision(decision, () =>
            {
                message.ReplyTo.Tell(new ReplicaPromoted(message.Command, _arn));
                // AWS: one UpdatePrimaryRegion record in each of the two regions.
                Context.System.EventStream.Publish(MovedAudit(message.Command with { Region = _region }));
            }, error => message.ReplyTo.Tell(new PromotionRefused(message.Command, error)));
        }
        catch (KmsException error)
        {
            message.ReplyTo.Tell(new PromotionRefused(message.Command, error));
        }
    }

    /// <summary>The old primary becomes a replica. Applied even when no caller waits (an answer that came after a
    /// restart): the new primary is primary already, and the set must not keep two.</summary>
    private void OnReplicaPromoted(ReplicaPromoted promoted)
    {
        if (_key is null)
            return;
        if (_movingPrimary == promoted.Command.RequestId)
            _movingPrimary = null;
        IActorRef? replyTo = null;
        _replications?.Remove(promoted.Command.RequestId, out replyTo);
        var decision = KeyRules.BecomeReplica(_key, promoted.NewPrimaryArn, UpdatingUntil);
        if (decision.Events.IsEmpty && replyTo is null)
            return; // an answer heard twice
        PersistDecision(decision, () =>
        {
            if (replyTo is not null)
            {
                if (_replyAfterIndexing)
                    ToRegion(new ReplyWhenIndexed(replyTo, EmptyResponse.Instance));
                else
                    replyTo.Tell(EmptyResponse.Instance);
            }
            Context.System.EventStream.Publish(MovedAudit(promoted.Command));
            foreach (var replica in _key!.ReplicaArns)
            {
                if (replica != _arn)
                    ToRegion(new ToRelatedKey(replica, new FollowNewPrimary(promoted.NewPrimaryArn, _key.ReplicaArns)));
            }
        }, error =>
        {
            if (replyTo is not null)
                Fail(promoted.Command, replyTo, error);
        });
        StopIfReplicationsAnswered();
    }

    private void OnPromotionRefused(PromotionRefused refused)
    {
        if (_movingPrimary == refused.Command.RequestId)
            _movingPrimary = null;
        if (_replications is null || !_replications.Remove(refused.Command.RequestId, out var replyTo))
            return;
        Fail(refused.Command, replyTo, refused.Error);
        StopIfReplicationsAnswered();
    }

    private void OnFollowNewPrimary(FollowNewPrimary follow)
    {
        if (_key is not null)
            PersistDecision(KeyRules.FollowPrimary(_key, follow.PrimaryArn, follow.ReplicaArns), () => { });
    }

    /// <summary>AWS's UpdatePrimaryRegion record: no output, but responseElements.keyId names the key of the record's
    /// region (CloudTrail entries since December 2022).</summary>
    private AuditRecord MovedAudit(KmsCommand command) =>
        AuditRecord.ForApiCall(command, EmptyResponse.Instance, null, Now, [_arn]) with
        {
            ResponseElements = new Dictionary<string, object?> { ["keyId"] = _arn },
        };
}
