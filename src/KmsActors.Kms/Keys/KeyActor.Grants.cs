using System.Collections.Immutable;
using Akka.Actor;
using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Keys;

// CreateGrant, ListGrants, RetireGrant, RevokeGrant (docs/grants.md). A change to a grant with a retiring principal is
// also the region's (ListRetirableGrants): the call is answered only once the region's index entry is durable.
public sealed partial class KeyActor
{
    private void OnGrantCommand(KmsCommand command, IActorRef replyTo)
    {
        var key = _key!;
        var decision = command.Request switch
        {
            CreateGrantRequest r => KeyRules.CreateGrant(key, r, command.RequestId, Now),
            ListGrantsRequest r => KeyRules.ListGrants(key, r),
            RetireGrantRequest r => KeyRules.RetireGrant(key, r, command.Caller.Principal, Now, RetireDelegated(command)),
            RevokeGrantRequest r => KeyRules.RevokeGrant(key, r, Now),
            _ => throw new ArgumentException($"{command.Operation} is no grant operation.", nameof(command)),
        };
        var change = RetirableChange(key, decision);
        PersistDecision(decision, () =>
        {
            if (change is not null)
            {
                ToRegion(change);
                _replyAfterIndexing = true; // PersistDecision resets it once the reply is sent
            }
            Reply(command, replyTo, decision.Response ?? EmptyResponse.Instance);
        }, error => Fail(command, replyTo, error));
    }

    /// <summary>AWS: besides the principals the grant names, "the AWS account in which the grant was created" may retire it,
    /// and principals of that account "to whom permission for retiring a grant is delegated": its root, and those whose
    /// identity policies allow kms:RetireGrant on the key (the key policy plays no part, docs/grants.md).</summary>
    private bool RetireDelegated(KmsCommand command)
    {
        var principal = command.Caller.Principal;
        if (principal.AccountId != _accountId)
            return false;
        var action = KmsActions.Of("RetireGrant");
        var request = NewAuthorizationRequest(command, principal, action, KmsConditionKeys.Build(CallFacts(command, principal, action, destination: false, sourceArn: null)));
        return _services.Authorizer.Authorize(request, keyPolicy: null).IsAllowed;
    }

    /// <summary>What the decided events change in the region's retirable-grants index, or null.</summary>
    private RetirableGrantsChanged? RetirableChange(KmsKey key, KeyDecision decision)
    {
        var added = ImmutableList<Grant>.Empty;
        var removed = ImmutableList<string>.Empty;
        foreach (var e in decision.Events)
        {
            if (e is GrantCreated { Grant.RetiringPrincipal: not null } created)
                added = added.Add(created.Grant);
            else if (e is GrantRetired retired && key.Grants.Any(g => g.GrantId == retired.GrantId && g.RetiringPrincipal is not null))
                removed = removed.Add(retired.GrantId);
        }
        return added.IsEmpty && removed.IsEmpty ? null : new RetirableGrantsChanged(_keyId, added, removed);
    }

    /// <summary>After recovery of a key with grants: its grants with a retiring principal, for the region to reconcile its
    /// index with. Keys without grants report nothing (most keys; see docs/grants.md for the one case this leaves).</summary>
    private void ReportRetirableGrants()
    {
        if (!_key!.Grants.IsEmpty)
            ToRegion(new RetirableGrantsChanged(_keyId, [], [], [.. _key.Grants.Where(g => g.RetiringPrincipal is not null)]));
    }
}
