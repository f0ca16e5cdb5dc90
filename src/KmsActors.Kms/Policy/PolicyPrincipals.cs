namespace KmsActors.Kms.Policy;

/// <summary>
/// A statement's Principal (or NotPrincipal), compiled: "*", exact principal ARNs, accounts (root ARN or account ID)
/// and service principals. A role's ARN names every session of the role (the caller's aws:PrincipalArn); an account names
/// its root directly and every other principal of the account through delegation (docs/access-control.md, "Principals").
/// </summary>
internal sealed class PolicyPrincipals
{
    private readonly bool _any;
    private readonly HashSet<string> _arns = new(StringComparer.Ordinal);
    private readonly HashSet<string> _accounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _services = new(StringComparer.Ordinal);

    public PolicyPrincipals(bool any, IEnumerable<string> arns, IEnumerable<string> accounts, IEnumerable<string> services)
    {
        _any = any;
        _arns.UnionWith(arns);
        _accounts.UnionWith(accounts);
        _services.UnionWith(services);
    }

    public PrincipalMatch Match(PrincipalInfo caller)
    {
        if (_any)
            return PrincipalMatch.Direct;
        if (caller.Type == PrincipalType.Service)
            return caller.ServiceName is not null && _services.Contains(caller.ServiceName) ? PrincipalMatch.Direct : PrincipalMatch.None;
        if (_arns.Count > 0 && (_arns.Contains(caller.Arn) || _arns.Contains(caller.PrincipalArn)))
            return PrincipalMatch.Direct;
        if (_accounts.Count > 0 && _accounts.Contains(caller.AccountId))
            return caller.IsRoot ? PrincipalMatch.Direct : PrincipalMatch.Account;
        return PrincipalMatch.None;
    }

    /// <summary>For NotPrincipal: the caller is exempted when it is listed itself (its ARN or its role), is a listed
    /// service, or is the root of a listed account. A listed account does not exempt the account's users and roles.</summary>
    public bool Exempts(PrincipalInfo caller)
    {
        if (_any)
            return true;
        if (caller.Type == PrincipalType.Service)
            return caller.ServiceName is not null && _services.Contains(caller.ServiceName);
        return _arns.Contains(caller.Arn) || _arns.Contains(caller.PrincipalArn) || (caller.IsRoot && _accounts.Contains(caller.AccountId));
    }
}
