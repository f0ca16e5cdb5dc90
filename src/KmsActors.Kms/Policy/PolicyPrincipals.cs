namespace KmsActors.Kms.Policy;

/// <summary>
/// A statement's Principal (or NotPrincipal), compiled: "*", exact principal ARNs, accounts (root ARN or account ID)
/// and service principals. A role's ARN names every session of the role (the caller's aws:PrincipalArn); an account names
/// its root directly and every other principal of the account through delegation (docs/access-control.md, "Principals").
/// </summary>
internal sealed class PolicyPrincipals
{
    private readonly bool _any;
    private readonly NameSet _arns;
    private readonly NameSet _accounts;
    private readonly NameSet _services;

    public PolicyPrincipals(bool any, IEnumerable<string> arns, IEnumerable<string> accounts, IEnumerable<string> services)
    {
        _any = any;
        _arns = new NameSet(arns);
        _accounts = new NameSet(accounts);
        _services = new NameSet(services);
    }

    public PrincipalMatch Match(PrincipalInfo caller)
    {
        if (_any)
            return PrincipalMatch.Direct;
        if (caller.Type == PrincipalType.Service)
            return caller.ServiceName is not null && _services.Contains(caller.ServiceName) ? PrincipalMatch.Direct : PrincipalMatch.None;
        if (_arns.Contains(caller.Arn) || _arns.Contains(caller.PrincipalArn))
            return PrincipalMatch.Direct;
        if (_accounts.Contains(caller.AccountId))
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

    /// <summary>Exact, case-sensitive names: a linear scan for the few a statement usually lists (cheaper than hashing),
    /// a hash set past that.</summary>
    private sealed class NameSet
    {
        private const int LinearLimit = 8;
        private readonly string[] _names;
        private readonly HashSet<string>? _set;

        public NameSet(IEnumerable<string> names)
        {
            _names = names.Distinct(StringComparer.Ordinal).ToArray();
            if (_names.Length > LinearLimit)
                _set = new HashSet<string>(_names, StringComparer.Ordinal);
        }

        public bool Contains(string name)
        {
            if (_set is not null)
                return _set.Contains(name);
            foreach (var candidate in _names)
                if (string.Equals(candidate, name, StringComparison.Ordinal))
                    return true;
            return false;
        }
    }
}
