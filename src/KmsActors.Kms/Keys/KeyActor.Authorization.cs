using Akka.Actor;
using Akka.Event;
using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Keys;

// Who may call this key (docs/access-control.md): the key policy, the caller's identity policies and the key's grants,
// decided before anything else of the call, so a refused call changes nothing; its audit record carries the refusal.
public sealed partial class KeyActor
{
    /// <summary>Decisions without conditions, per principal and action, for the key policy they were made under.</summary>
    private DecisionCache? _decisions;

    /// <summary>Throws AccessDeniedException unless the caller may perform <paramref name="action"/> on this key.
    /// <paramref name="destination"/>: this key is ReEncrypt's destination, <paramref name="sourceArn"/> its source.</summary>
    private void Authorize(KmsCommand command, string action, bool destination = false, string? sourceArn = null)
    {
        var key = _key!;
        var principal = command.Caller.Principal;
        var policyText = key.Policies.GetValueOrDefault(KeyRules.DefaultPolicyName);
        var cache = _decisions ??= new DecisionCache();
        AuthorizationRequest? request = null;
        if (!cache.TryGet(policyText, principal.Arn, action, out var decision))
        {
            // First without the request's values: a decision no condition took part in holds for every request.
            request = NewAuthorizationRequest(command, principal, action, ConditionContext.Empty);
            decision = _services.Authorizer.Authorize(request, KeyPolicy(policyText));
            if (decision.DependsOnContext)
                decision = null;
            cache.Add(principal.Arn, action, decision);
        }
        if (decision is null)
        {
            var context = KmsConditionKeys.Build(CallFacts(command, principal, action, destination, sourceArn));
            request = NewAuthorizationRequest(command, principal, action, context);
            decision = _services.Authorizer.Authorize(request, KeyPolicy(policyText));
        }
        if (decision.IsAllowed)
            return;
        // A grant allows what no policy denies explicitly (AWS: grants add permissions, never remove them).
        if (decision.Outcome == AuthorizationOutcome.ImplicitDeny && !key.Grants.IsEmpty && AllowedByGrant(command, principal, action, destination))
            return;
        throw decision.ToException(request ?? NewAuthorizationRequest(command, principal, action, ConditionContext.Empty));
    }

    /// <summary>AWS's policy lockout safety check for CreateKey with a Policy and PutKeyPolicy: unless the caller bypasses
    /// it, the new policy must still allow the caller kms:PutKeyPolicy on the key (through the key policy, or through the
    /// account delegating to IAM), else MalformedPolicyDocumentException. The policy is validated first.</summary>
    private void CheckLockout(KmsCommand command, string newPolicy, bool bypass)
    {
        var policy = PolicyDocument.Parse(newPolicy, PolicyKind.KeyPolicy);
        if (bypass)
            return;
        var principal = command.Caller.Principal;
        var action = KmsActions.Of("PutKeyPolicy");
        var request = NewAuthorizationRequest(command, principal, action, KmsConditionKeys.Build(CallFacts(command, principal, action, destination: false, sourceArn: null)));
        if (!_services.Authorizer.Authorize(request, policy).IsAllowed)
            throw new KmsException(KmsErrorCodes.MalformedPolicyDocumentException, PolicyDocument.LockoutMessage);
    }

    /// <summary>AWS's ReplicateKey also needs kms:CreateKey, and kms:TagResource for its Tags, "in an IAM policy in the
    /// replica Region" (ReplicateKey API reference, "Required permissions"; docs/access-control.md): decided in the new
    /// replica's actor by the caller's identity policies alone, as CreateKey is in a region.</summary>
    private void AuthorizeReplicaCreation(KmsCommand command, ReplicateKeyRequest request)
    {
        AuthorizeByIdentity(command, KmsActions.Of("CreateKey"));
        if (request.Tags is { Count: > 0 })
            AuthorizeByIdentity(command, KmsActions.Of("TagResource"));
    }

    private void AuthorizeByIdentity(KmsCommand command, string action)
    {
        var principal = command.Caller.Principal;
        var context = KmsConditionKeys.Build(new KmsCallFacts
        {
            Operation = action,
            Request = command.Request,
            Principal = principal,
            Region = _region,
            Now = Now,
            SourceIp = command.Caller.SourceIpAddress,
        });
        var request = new AuthorizationRequest { Principal = principal, Action = action, Resource = "*", ResourceAccount = _accountId, Context = context };
        var decision = _services.Authorizer.Authorize(request, null);
        if (!decision.IsAllowed)
            throw decision.ToException(request);
    }

    private void OnAuthorizeAliasKey(AuthorizeAliasKey message)
    {
        KmsException? refusal = null;
        try
        {
            if (_key is null)
                throw KmsException.NotFound($"Key '{_arn}' does not exist");
            Authorize(message.Command, message.Action);
        }
        catch (KmsException error)
        {
            refusal = error;
        }
        catch (Exception error)
        {
            // The region holds its calls until this answer: whatever went wrong, it must come.
            Context.GetLogger().Error(error, "Key {0}: deciding an alias operation failed", _arn);
            refusal = KmsException.Internal("The request was rejected because an internal exception occurred. The request can be retried.");
        }
        ToRegion(new AliasKeyDecision(message.Command, message.ReplyTo, refusal));
    }

    private PolicyDocument? KeyPolicy(string? text) => text is null ? null : _services.Authorizer.KeyPolicy(text, _accountId, Regions.KmsArn.Partition(_region));

    private AuthorizationRequest NewAuthorizationRequest(KmsCommand command, PrincipalInfo principal, string action, ConditionContext context) => new()
    {
        Principal = principal,
        Action = action,
        Resource = _arn,
        ResourceAccount = _accountId,
        Context = context,
    };

    private KmsCallFacts CallFacts(KmsCommand command, PrincipalInfo principal, string action, bool destination, string? sourceArn) => new()
    {
        Operation = action,
        Request = command.Request,
        Key = _key,
        Principal = principal,
        Region = _region,
        Now = Now,
        SourceIp = command.Caller.SourceIpAddress,
        RequestAlias = RequestAliasOf(command.Request, destination),
        ResourceAliases = _aliases,
        ReEncryptPeerKeyArn = command.Request is ReEncryptRequest r ? destination ? sourceArn : PeerArn(r.DestinationKeyId) : null,
    };

    private bool AllowedByGrant(KmsCommand command, PrincipalInfo principal, string action, bool destination)
    {
        var operation = action["kms:".Length..];
        var delay = _services.GrantPropagationDelay;
        return command.Request is CreateGrantRequest create
            ? GrantRules.AllowsCreateGrant(_key!, principal, create, Now, delay)
            : GrantRules.Allows(_key!, principal, operation, RequestMembers.EncryptionContextOf(command.Request, destination),
                RequestMembers.GrantTokensOf(command.Request), Now, delay);
    }

    /// <summary>ReEncrypt's destination as an ARN when it names this key by ID or ARN (kms:ReEncryptOnSameKey); as given otherwise.</summary>
    private string? PeerArn(string? keyId) => keyId == _keyId ? _arn : keyId;

    /// <summary>The alias the caller named the key by (kms:RequestAlias), if it did.</summary>
    private static string? RequestAliasOf(object request, bool destination)
    {
        string? keyId;
        if (destination)
            keyId = (request as ReEncryptRequest)?.DestinationKeyId;
        else
            RequestKeyId.TryRead(request, out keyId);
        if (keyId is null)
            return null;
        if (keyId.StartsWith("alias/", StringComparison.Ordinal))
            return keyId;
        var alias = keyId.IndexOf(":alias/", StringComparison.Ordinal);
        return keyId.StartsWith("arn:", StringComparison.Ordinal) && alias > 0 ? keyId[(alias + 1)..] : null;
    }
}
