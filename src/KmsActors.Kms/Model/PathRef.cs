namespace KmsActors.Kms.Model;

/// <summary>Where a member sits in a request, as AWS's messages name it ("keyId", "tags.1.member.tagKey"): built for every
/// checked member without allocating, turned into text only for a violation.</summary>
public readonly struct PathRef
{
    private readonly string? _head;
    private readonly int _index;
    private readonly string? _tail;

    private PathRef(string? head, int index, string? tail) => (_head, _index, _tail) = (head, index, tail);

    /// <summary>The request itself.</summary>
    public static PathRef Root => new(null, -1, null);

    /// <summary>A member of this structure: "keyId" at the root, "tags.1.member.tagKey" inside a list entry.</summary>
    public PathRef Member(string name) =>
        _head is null ? new PathRef(name, -1, null)
        : _index >= 0 && _tail is null ? new PathRef(_head, _index, name)
        : new PathRef(ToString() + "." + name, -1, null);

    /// <summary>Entry <paramref name="index"/> (0-based) of this list: "grantTokens.1.member".</summary>
    public PathRef Element(int index) => _index < 0 ? new PathRef(_head, index, null) : new PathRef(ToString(), index, null);

    public override string ToString() =>
        _index < 0 ? _head ?? ""
        : _tail is null ? $"{_head}.{_index + 1}.member"
        : $"{_head}.{_index + 1}.member.{_tail}";
}
