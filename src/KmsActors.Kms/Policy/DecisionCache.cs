namespace KmsActors.Kms.Policy;

/// <summary>
/// A key's policy decisions that no condition took part in, per (principal, action), for the policy text they were
/// decided under: such a decision is the same for every request of that principal and action, so the hot path
/// (Encrypt with the default key policy) evaluates nothing. A decision that depends on the request is remembered as
/// such (null), so the next call builds the context at once. Bounded: cleared when full.
/// </summary>
internal sealed class DecisionCache
{
    private const int Capacity = 64;

    private readonly Dictionary<(string Principal, string Action), AuthorizationDecision?> _entries = [];
    private string? _policy;
    // Nearly every call of a key comes from the same principal for the same action: compared by reference first.
    private (string Principal, string Action, AuthorizationDecision? Decision)? _last;

    /// <summary>True when known: <paramref name="decision"/> is the decision, or null when it depends on the request.</summary>
    public bool TryGet(string? policy, string principal, string action, out AuthorizationDecision? decision)
    {
        if (!ReferenceEquals(policy, _policy))
        {
            _entries.Clear();
            _last = null;
            _policy = policy;
        }
        if (_last is { } last && ReferenceEquals(last.Principal, principal) && ReferenceEquals(last.Action, action))
        {
            decision = last.Decision;
            return true;
        }
        if (!_entries.TryGetValue((principal, action), out decision))
            return false;
        _last = (principal, action, decision);
        return true;
    }

    public void Add(string principal, string action, AuthorizationDecision? decision)
    {
        if (_entries.Count >= Capacity)
            _entries.Clear();
        _entries[(principal, action)] = decision;
        _last = (principal, action, decision);
    }
}
