namespace KmsActors.Kms.Policy;

/// <summary>
/// AWS's answer to "may this caller make this call": KMS's key-policy-first rules on top of IAM's policy evaluation
/// logic (docs/access-control.md, "Evaluation"). Pure: no clock (now is in the context), no state. Any matching Deny
/// wins; with a key, the key policy must allow the caller itself, or allow its account and then an identity policy must
/// allow too (the root needs none), or a grant allows; across accounts both sides must allow (or a grant).
/// </summary>
public static class PolicyEvaluator
{
    public static AuthorizationDecision Evaluate(AuthorizationRequest request, PolicyDocument? keyPolicy,
        IReadOnlyList<PolicyDocument> identityPolicies, bool allowedByGrant)
    {
        var caller = request.Principal;
        var dependsOnContext = false;
        PolicyStatement? keyAllowsCaller = null, keyAllowsAccount = null, identityAllows = null;

        if (keyPolicy is not null)
        {
            foreach (var statement in keyPolicy.StatementArray)
            {
                if (statement.IsInert)
                    continue;
                var named = statement.MatchPrincipal(caller);
                if (named == PrincipalMatch.None || !statement.MatchAction(request.Action))
                    continue;
                if (!MatchesRequest(statement, request, ref dependsOnContext))
                    continue;
                // A Deny naming the caller's account refuses every principal of that account (docs: "Choices").
                if (statement.Effect == PolicyEffect.Deny)
                    return statement.Decision(dependsOnContext);
                if (named == PrincipalMatch.Direct)
                    keyAllowsCaller ??= statement;
                else
                    keyAllowsAccount ??= statement;
            }
        }

        // A service principal has no identity policies and no account of its own: the key policy speaks for it.
        var crossAccount = request.IsCrossAccount && caller.Type != PrincipalType.Service;
        // When the caller is allowed without IAM (named by the key policy in its own account, or the root), only an
        // identity Deny can change the answer: its Allow statements are skipped and do not make the answer context-bound.
        var identityAllowMatters = !caller.IsRoot && caller.Type != PrincipalType.Service && (crossAccount || keyAllowsCaller is null);
        for (var i = 0; i < identityPolicies.Count; i++)
        {
            foreach (var statement in identityPolicies[i].StatementArray)
            {
                if ((statement.Effect == PolicyEffect.Allow && !identityAllowMatters) || !statement.MatchAction(request.Action))
                    continue;
                // Without a key the resource varies (aliases, "*") under one cached (principal, action): say so.
                if (keyPolicy is null && !statement.IsResourceIndependent)
                    dependsOnContext = true;
                if (!MatchesRequest(statement, request, ref dependsOnContext))
                    continue;
                if (statement.Effect == PolicyEffect.Deny)
                    return statement.Decision(dependsOnContext);
                identityAllows ??= statement;
            }
        }

        var ctx = dependsOnContext ? 1 : 0;
        if (keyPolicy is null)
        {
            // No key: IAM alone. The root user of the account has every permission IAM does not deny.
            if (caller.IsRoot && !request.IsCrossAccount)
                return Decisions.Root[ctx];
            if (identityAllows is not null)
                return identityAllows.Decision(dependsOnContext);
            return allowedByGrant ? Decisions.Grant[ctx] : Decisions.NoIdentityAllow[ctx];
        }

        var identityAllowsToo = caller.IsRoot || caller.Type == PrincipalType.Service || identityAllows is not null;
        if (!crossAccount && keyAllowsCaller is not null)
            return keyAllowsCaller.Decision(dependsOnContext);
        var keyAllows = keyAllowsCaller ?? keyAllowsAccount;
        if (keyAllows is not null && identityAllowsToo)
            return identityAllows is null
                ? keyAllows.Decision(dependsOnContext)
                : new AuthorizationDecision(AuthorizationOutcome.Allow, null,
                    $"Allowed by identity policy {identityAllows.Label}, which key policy {keyAllows.Label} lets the account delegate",
                    dependsOnContext);
        if (allowedByGrant)
            return Decisions.Grant[ctx];
        if (keyAllows is not null)
            return crossAccount ? Decisions.CrossAccountNoIdentityAllow[ctx] : Decisions.DelegatedNoIdentityAllow[ctx];
        return Decisions.NoKeyPolicyAllow[ctx];
    }

    /// <summary>The decisions that name no statement, built once (index 0: context-independent, 1: dependent).</summary>
    private static class Decisions
    {
        public static readonly AuthorizationDecision[] Root = Pair(AuthorizationOutcome.Allow, null,
            "Allowed: the account's root user, no key involved and no Deny");
        public static readonly AuthorizationDecision[] Grant = Pair(AuthorizationOutcome.Allow, null, "Allowed by a grant");
        public static readonly AuthorizationDecision[] NoIdentityAllow = Pair(AuthorizationOutcome.ImplicitDeny, PolicyKind.IdentityPolicy,
            "No identity policy statement allows the action");
        public static readonly AuthorizationDecision[] NoKeyPolicyAllow = Pair(AuthorizationOutcome.ImplicitDeny, PolicyKind.KeyPolicy,
            "No key policy statement allows the action to the caller or its account");
        public static readonly AuthorizationDecision[] DelegatedNoIdentityAllow = Pair(AuthorizationOutcome.ImplicitDeny, PolicyKind.IdentityPolicy,
            "The key policy delegates to the account, but no identity policy statement allows the action");
        public static readonly AuthorizationDecision[] CrossAccountNoIdentityAllow = Pair(AuthorizationOutcome.ImplicitDeny, PolicyKind.IdentityPolicy,
            "The key policy allows the caller's account, but no identity policy statement of the caller allows the action");

        private static AuthorizationDecision[] Pair(AuthorizationOutcome outcome, PolicyKind? decidedBy, string reason) =>
            [new(outcome, decidedBy, reason, false), new(outcome, decidedBy, reason, true)];
    }

    /// <summary>The statement's Resource and Condition hold for the request. A resource with a policy variable or a
    /// condition makes the answer depend on the request's values (<paramref name="dependsOnContext"/>).</summary>
    private static bool MatchesRequest(PolicyStatement statement, AuthorizationRequest request, ref bool dependsOnContext)
    {
        if (statement.ResourcesHaveVariables)
            dependsOnContext = true;
        if (!statement.MatchResource(request))
            return false;
        if (!statement.HasConditions)
            return true;
        dependsOnContext = true;
        return statement.MatchConditions(request);
    }
}
