using Akka.Actor;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using KmsActors.Kms.Protocol;
using KmsActors.Kms.Services;

namespace KmsActors.Kms.Regions;

// The calls that name no key (CreateKey, ListKeys, ListAliases, GenerateRandom) and the alias side of the alias
// operations are authorized by the caller's identity policies alone (docs/access-control.md).
public sealed partial class RegionActor
{
    private DecisionCache? _decisions;
    private Authorizer? _authorizer;

    /// <summary>The calls that name no key: the caller's identity policies alone decide. AWS: CreateKey with Tags also
    /// needs kms:TagResource.</summary>
    private void AuthorizeKeyless(KmsCommand command)
    {
        AuthorizeByIdentity(command, KmsActions.Of(command.Operation));
        if (command.Request is CreateKeyRequest { Tags.Count: > 0 })
            AuthorizeByIdentity(command, KmsActions.Of("TagResource"));
    }

    /// <summary>Throws AccessDeniedException unless the caller's identity policies allow <paramref name="action"/> on
    /// <paramref name="resource"/> ("*" for the calls without a resource, an alias ARN for the alias operations).</summary>
    private void AuthorizeByIdentity(KmsCommand command, string action, string resource = "*")
    {
        var principal = command.Caller.Principal;
        var authorizer = _authorizer ??= KmsServices.Get(Context.System).Authorizer;
        var cache = _decisions ??= new DecisionCache();
        // Decisions are cached per principal and action; an alias ARN is part of the question, so those are not.
        var cacheable = resource == "*";
        AuthorizationDecision? decision = null;
        if (!cacheable || !cache.TryGet(null, principal.Arn, action, out decision))
        {
            decision = authorizer.Authorize(NewAuthorizationRequest(principal, action, resource, ConditionContext.Empty), null);
            if (decision.DependsOnContext)
                decision = null;
            if (cacheable)
                cache.Add(principal.Arn, action, decision);
        }
        AuthorizationRequest? request = null;
        if (decision is null)
        {
            var context = KmsConditionKeys.Build(new KmsCallFacts
            {
                Operation = action, // CreateKey's tags are checked as kms:TagResource with the CreateKey request
                Request = command.Request,
                Principal = principal,
                Region = _region,
                Now = Now,
                SourceIp = command.Caller.SourceIpAddress,
                ResourceAliases = [],
            });
            request = NewAuthorizationRequest(principal, action, resource, context);
            decision = authorizer.Authorize(request, null);
        }
        if (!decision.IsAllowed)
            throw decision.ToException(request ?? NewAuthorizationRequest(principal, action, resource, ConditionContext.Empty));
    }

    /// <summary>The alias call whose keys all allowed it, while it is handled again; and the one still asking, with the
    /// keys left to ask (at most one: calls behind it are stashed). By reference: the same command object comes back.</summary>
    private KmsCommand? _aliasKeysAllowed;
    private readonly Dictionary<KmsCommand, Queue<string>> _aliasKeysAsked = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// An alias operation also needs its action on each key it touches (CreateAlias and DeleteAlias: the alias's key;
    /// UpdateAlias: the current and the new key), decided by each key's policy in its actor. True once every key allowed
    /// it; else asks the first key and returns false: the region handles the call again when all have allowed it
    /// (<see cref="OnAliasKeyDecision"/>), checking everything anew, or the refusing key answers the caller.
    /// </summary>
    private bool KeysAllow(KmsCommand command, IActorRef replyTo, params string[] keyIds)
    {
        if (ReferenceEquals(_aliasKeysAllowed, command))
            return true;
        var queue = new Queue<string>(keyIds.Distinct(StringComparer.Ordinal));
        _aliasKeysAsked[command] = queue;
        Deliver(queue.Dequeue(), new AuthorizeAliasKey(command, KmsActions.Of(command.Operation), replyTo), Self);
        return false;
    }

    private void OnAliasKeyDecision(AliasKeyDecision decision)
    {
        var command = decision.Command;
        if (!_aliasKeysAsked.TryGetValue(command, out var queue) && !AskedAcrossNodes(ref command, out queue))
            return;
        if (decision.Refusal is null && queue.Count > 0)
        {
            Deliver(queue.Dequeue(), new AuthorizeAliasKey(command, KmsActions.Of(command.Operation), decision.ReplyTo), Self);
            return;
        }
        _aliasKeysAsked.Remove(command);
        if (decision.Refusal is { } refusal)
            Fail(command, decision.ReplyTo, refusal, []);
        else
        {
            _aliasKeysAllowed = command;
            Handle(command, decision.ReplyTo); // checks everything anew, then persists (later calls wait behind the write)
            _aliasKeysAllowed = null;
        }
        ReleaseHeld(); // the calls that arrived meanwhile, in their order, ahead of anything newer (after the write, if one started)
    }

    private AuthorizationRequest NewAuthorizationRequest(PrincipalInfo principal, string action, string resource, ConditionContext context) => new()
    {
        Principal = principal,
        Action = action,
        Resource = resource,
        ResourceAccount = _accountId,
        Context = context,
    };
}
