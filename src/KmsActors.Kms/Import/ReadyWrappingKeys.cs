using System.Security.Cryptography;

namespace KmsActors.Kms.Import;

/// <summary>
/// The wrapping private keys of issued import tokens as ready RSA objects, by token ID, so ImportKeyMaterial decrypts
/// with the object GetParametersForImport generated instead of importing the token's PKCS#8 bytes into a new one (that
/// import alone costs two to three RSA decryptions: docs/byok.md, "Speed"). Only a cache: the sealed token stays the
/// authority. An entry serves only the token whose private key bytes it holds (compared in full), and a token without
/// an entry (evicted, expired, issued before a restart, SM2) is unwrapped from its own bytes as before. Bounded by
/// kms.import.ready-wrapping-keys, oldest first out. Per engine (KmsServices); thread-safe. An entry is taken out while
/// it is used, so no two threads ever share an RSA object and none is disposed while in use.
/// </summary>
public sealed class ReadyWrappingKeys : IDisposable
{
    private readonly int _capacity;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, LinkedListNode<Entry>> _entries = new();
    private readonly LinkedList<Entry> _oldestFirst = new();
    private bool _disposed;

    public ReadyWrappingKeys(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate)
                return _entries.Count;
        }
    }

    /// <summary>Keeps <paramref name="rsa"/> (whose private key is <paramref name="privateKeyPkcs8"/>) for the token
    /// until <paramref name="validTo"/>; the cache owns it from now on and disposes it when it drops it.</summary>
    public void Add(Guid tokenId, RSA rsa, byte[] privateKeyPkcs8, DateTimeOffset validTo, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rsa);
        ArgumentNullException.ThrowIfNull(privateKeyPkcs8);
        var dropped = new List<RSA>();
        lock (_gate)
        {
            if (_disposed || _capacity == 0 || validTo <= now || _entries.ContainsKey(tokenId))
            {
                dropped.Add(rsa);
            }
            else
            {
                // Tokens are issued with one validity, so the oldest entries expire first.
                while (_oldestFirst.First is { } oldest && (_entries.Count >= _capacity || oldest.Value.ValidTo <= now))
                    dropped.Add(Remove(oldest));
                _entries[tokenId] = _oldestFirst.AddLast(new Entry(tokenId, rsa, privateKeyPkcs8, validTo));
            }
        }
        dropped.ForEach(r => r.Dispose());
    }

    /// <summary>The token's ready key, taken out (the caller owns it: it gives it back with <see cref="Add"/> or
    /// disposes it); null when there is none, it has expired, or it holds another private key than the token's.</summary>
    public RSA? Take(Guid tokenId, byte[] privateKeyPkcs8, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPkcs8);
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(tokenId, out var node))
                return null;
            Remove(node);
            entry = node.Value;
        }
        if (entry.ValidTo > now && CryptographicOperations.FixedTimeEquals(entry.PrivateKeyPkcs8, privateKeyPkcs8))
            return entry.Rsa;
        entry.Rsa.Dispose();
        return null;
    }

    public void Dispose()
    {
        List<Entry> all;
        lock (_gate)
        {
            _disposed = true;
            all = [.. _oldestFirst];
            _entries.Clear();
            _oldestFirst.Clear();
        }
        all.ForEach(e => e.Rsa.Dispose());
    }

    private RSA Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.TokenId);
        _oldestFirst.Remove(node);
        return node.Value.Rsa;
    }

    private sealed record Entry(Guid TokenId, RSA Rsa, byte[] PrivateKeyPkcs8, DateTimeOffset ValidTo);
}
