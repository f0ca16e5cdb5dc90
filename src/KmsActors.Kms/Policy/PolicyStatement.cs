namespace KmsActors.Kms.Policy;

/// <summary>
/// One statement of a <see cref="PolicyDocument"/>, compiled for evaluation: its principals, action and resource globs
/// and conditions are read once, and the decisions it can produce are built once, so that evaluating it allocates nothing.
/// A key-policy statement without Action or Resource is kept but never applies (AWS accepts it and ignores it).
/// </summary>
public sealed class PolicyStatement
{
    private readonly PolicyPrincipals? _principals;
    private readonly bool _notPrincipal;
    private readonly WildcardPattern[] _actions;
    private readonly bool _notAction;
    private readonly WildcardPattern[] _resources;
    private readonly bool _notResource;
    private readonly PolicyCondition[] _conditions;
    private readonly bool _resourcesHaveVariables;
    private readonly AuthorizationDecision[] _decisions;

    internal PolicyStatement(int index, string? sid, PolicyEffect effect, PolicyKind kind,
        PolicyPrincipals? principals, bool notPrincipal,
        IReadOnlyList<string>? actions, bool notAction,
        IReadOnlyList<string>? resources, bool notResource,
        IReadOnlyList<PolicyCondition> conditions, bool variables)
    {
        Index = index;
        Sid = sid;
        Effect = effect;
        Kind = kind;
        _principals = principals;
        _notPrincipal = notPrincipal;
        IsInert = actions is null || resources is null;
        _actions = actions?.Select(a => new WildcardPattern(a, ignoreCase: true)).ToArray() ?? [];
        _notAction = notAction;
        _resources = resources?.Select(r => new WildcardPattern(r, ignoreCase: false)).ToArray() ?? [];
        _resourcesHaveVariables = variables && resources is not null && resources.Any(PolicyVariables.HasVariables);
        _notResource = notResource;
        IsResourceIndependent = !notResource && _resources.All(r => r.IsAny);
        _conditions = conditions.ToArray();
        Label = sid is { Length: > 0 } ? $"statement \"{sid}\"" : $"statement #{index + 1}";
        var policy = kind == PolicyKind.KeyPolicy ? "key policy" : "identity policy";
        var verb = effect == PolicyEffect.Allow ? "Allowed" : "Denied";
        var outcome = effect == PolicyEffect.Allow ? AuthorizationOutcome.Allow : AuthorizationOutcome.ExplicitDeny;
        PolicyKind? decidedBy = effect == PolicyEffect.Allow ? null : kind;
        var reason = $"{verb} by {policy} {Label}";
        _decisions = [new AuthorizationDecision(outcome, decidedBy, reason, false), new AuthorizationDecision(outcome, decidedBy, reason, true)];
    }

    /// <summary>The statement's position in the document, from 0.</summary>
    public int Index { get; }

    public string? Sid { get; }

    public PolicyEffect Effect { get; }

    /// <summary>The kind of the document the statement is in.</summary>
    public PolicyKind Kind { get; }

    /// <summary>How a decision's Reason names the statement: <c>statement "Sid"</c>, or <c>statement #2</c> without a Sid.</summary>
    public string Label { get; }

    /// <summary>A key-policy statement with no Action/NotAction or no Resource/NotResource: accepted, never applies.</summary>
    public bool IsInert { get; }

    public IReadOnlyList<PolicyCondition> Conditions => _conditions;

    public bool HasConditions => _conditions.Length > 0;

    /// <summary>The decision this statement gives when it decides alone (its Allow or its explicit Deny).</summary>
    internal AuthorizationDecision Decision(bool dependsOnContext) => _decisions[dependsOnContext ? 1 : 0];

    /// <summary>Who the statement names: identity policies name their bearer; NotPrincipal names everybody not exempted.</summary>
    internal PrincipalMatch MatchPrincipal(PrincipalInfo caller)
    {
        if (_principals is null)
            return PrincipalMatch.Direct;
        if (_notPrincipal)
            return _principals.Exempts(caller) ? PrincipalMatch.None : PrincipalMatch.Direct;
        return _principals.Match(caller);
    }

    internal bool MatchAction(string action)
    {
        var any = false;
        foreach (var pattern in _actions)
            if (pattern.Matches(action))
            {
                any = true;
                break;
            }
        return any != _notAction;
    }

    /// <summary>In a key policy "*" is the key itself; other values are compared with the request's resource ARN.</summary>
    internal bool MatchResource(AuthorizationRequest request)
    {
        var any = false;
        foreach (var pattern in _resources)
        {
            if (_resourcesHaveVariables && PolicyVariables.HasVariables(pattern.Pattern))
            {
                var text = PolicyVariables.Substitute(pattern.Pattern, request);
                if (text is not null && WildcardPattern.Glob(text, request.Resource, ignoreCase: false))
                {
                    any = true;
                    break;
                }
            }
            else if (pattern.Matches(request.Resource))
            {
                any = true;
                break;
            }
        }
        return any != _notResource;
    }

    /// <summary>The Resource is all "*" (or absent), i.e. the statement says the same for every resource.</summary>
    internal bool IsResourceIndependent { get; }

    /// <summary>A Resource value holds a policy variable: whether it matches depends on the request's values, so a
    /// decision that looked at it must not be cached as context-free.</summary>
    internal bool ResourcesHaveVariables => _resourcesHaveVariables;

    internal bool MatchConditions(AuthorizationRequest request)
    {
        foreach (var condition in _conditions)
            if (!condition.Evaluate(request))
                return false;
        return true;
    }

    public override string ToString() => $"{Effect} {Label}";
}
