using Akka.Actor;

namespace KmsActors.Kms.Cluster;

/// <summary>
/// Where one call in flight may be (docs/cluster.md "When a node dies"): the nodes of the entities it has reached or
/// is on its way to, as far as its entry node knows. A node not known (a shard whose home this node has not seen yet,
/// or an operation whose path leaves the region entity and the key it named: alias changes, multi-Region calls,
/// cross-account ReEncrypt) makes the call possibly anywhere, so it fails with any node that dies. Not thread-safe:
/// the owner (TrackedCall) locks.
/// </summary>
internal sealed class CallRoute
{
    private Address? _first;
    private List<Address>? _more;

    /// <summary>The call may be on a node not named here.</summary>
    public bool Anywhere { get; private set; }

    /// <summary>Adds a node the call may be on; null: a node not known.</summary>
    public void Add(Address? node)
    {
        if (node is null)
        {
            Anywhere = true;
            return;
        }
        if (_first is null)
            _first = node;
        else if (!_first.Equals(node) && _more?.Contains(node) != true)
            (_more ??= []).Add(node);
    }

    public void AddAnywhere() => Anywhere = true;

    /// <summary>True when the call may be on <paramref name="node"/>.</summary>
    public bool MayBeOn(Address node) => Anywhere || node.Equals(_first) || _more?.Contains(node) == true;

    /// <summary>The first known node of the call that <paramref name="isDown"/> says is gone, if any.</summary>
    public Address? FirstOf(Func<Address, bool> isDown)
    {
        if (_first is not null && isDown(_first))
            return _first;
        return _more?.FirstOrDefault(isDown);
    }
}
