namespace KmsActors.Kms.Regions;

/// <summary>
/// A region's running keys that are not stopping, from least to most recently delivered (kms.max-live-keys): a doubly
/// linked list threaded through the <see cref="LiveKey"/> entries themselves, so a delivery moves its key to the back
/// with a few pointer writes and no allocation, and the key to passivate first is at the front.
/// </summary>
internal sealed class LiveKeyRecency
{
    private LiveKey? _newest;

    public int Count { get; private set; }

    /// <summary>The least recently delivered key; null when the list is empty.</summary>
    public LiveKey? Oldest { get; private set; }

    /// <summary>Adds <paramref name="key"/> as the most recently delivered.</summary>
    public void Add(LiveKey key)
    {
        if (Contains(key))
        {
            Touch(key);
            return;
        }
        Append(key);
        Count++;
    }

    /// <summary><paramref name="key"/> was just delivered to: it moves to the back.</summary>
    public void Touch(LiveKey key)
    {
        if (ReferenceEquals(key, _newest))
            return;
        if (!Contains(key))
        {
            Add(key);
            return;
        }
        Unlink(key);
        Append(key);
    }

    /// <summary>Takes <paramref name="key"/> out (it is stopping or has stopped); nothing when it is not in.</summary>
    public void Remove(LiveKey key)
    {
        if (!Contains(key))
            return;
        Unlink(key);
        Count--;
    }

    private bool Contains(LiveKey key) => key.Older is not null || ReferenceEquals(key, Oldest);

    private void Append(LiveKey key)
    {
        key.Older = _newest;
        key.Newer = null;
        if (_newest is null)
            Oldest = key;
        else
            _newest.Newer = key;
        _newest = key;
    }

    private void Unlink(LiveKey key)
    {
        if (key.Older is null)
            Oldest = key.Newer;
        else
            key.Older.Newer = key.Newer;
        if (key.Newer is null)
            _newest = key.Older;
        else
            key.Newer.Older = key.Older;
        key.Older = key.Newer = null;
    }
}
