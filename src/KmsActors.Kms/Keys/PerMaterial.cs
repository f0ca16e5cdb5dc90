namespace KmsActors.Kms.Keys;

/// <summary>
/// What a key actor keeps per key material (crypto objects by KeyMaterialId, data keys by their ID). Nearly every key
/// has a single material, so the first entry is held inline and a dictionary is made only for a second one: a
/// Dictionary holding one entry is ~210 B, and every live key had two. Ordinal IDs; not thread-safe (one actor).
/// </summary>
internal sealed class PerMaterial<TValue>
{
    private string? _firstId;
    private TValue _first = default!;
    private Dictionary<string, TValue>? _more;

    public bool TryGetValue(string id, out TValue value)
    {
        if (_firstId is not null && string.Equals(_firstId, id, StringComparison.Ordinal))
        {
            value = _first;
            return true;
        }
        if (_more is not null)
            return _more.TryGetValue(id, out value!);
        value = default!;
        return false;
    }

    public TValue this[string id]
    {
        get => TryGetValue(id, out var value) ? value : throw new KeyNotFoundException(id);
        set
        {
            if (_firstId is not null && string.Equals(_firstId, id, StringComparison.Ordinal))
                _first = value;
            else if (_firstId is null && _more?.ContainsKey(id) != true)
                (_firstId, _first) = (id, value);
            else
                (_more ??= new Dictionary<string, TValue>(StringComparer.Ordinal))[id] = value;
        }
    }

    public bool Remove(string id)
    {
        if (_firstId is not null && string.Equals(_firstId, id, StringComparison.Ordinal))
        {
            (_firstId, _first) = (null, default!);
            return true;
        }
        return _more?.Remove(id) == true;
    }

    /// <summary>The IDs held, as a list (callers remove while walking it).</summary>
    public List<string> Ids()
    {
        var ids = new List<string>();
        if (_firstId is not null)
            ids.Add(_firstId);
        if (_more is not null)
            ids.AddRange(_more.Keys);
        return ids;
    }

    public IEnumerable<TValue> Values
    {
        get
        {
            if (_firstId is not null)
                yield return _first;
            if (_more is null)
                yield break;
            foreach (var value in _more.Values)
                yield return value;
        }
    }

    public void Clear()
    {
        (_firstId, _first) = (null, default!);
        _more = null;
    }
}
