using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace KmsActors.Kms.Persistence;

/// <summary>Data keys of the in-memory journal: gone with the process, like the journal itself.</summary>
internal sealed class InMemoryMaterialDataKeyStore : IMaterialDataKeyStore
{
    private readonly ConcurrentDictionary<string, (string KeyArn, byte[] SealedKey)> _keys = new(StringComparer.Ordinal);

    public bool InMemory => true;

    public bool InsertsInMemory => true;

    public void Insert(string dataKeyId, string keyArn, string keyMaterialId, byte[] sealedKey) =>
        _keys[dataKeyId] = (keyArn, sealedKey.ToArray());

    public byte[]? Find(string dataKeyId) => _keys.TryGetValue(dataKeyId, out var entry) ? entry.SealedKey.ToArray() : null;

    public bool Delete(string dataKeyId)
    {
        if (!_keys.TryRemove(dataKeyId, out var entry))
            return false;
        CryptographicOperations.ZeroMemory(entry.SealedKey);
        return true;
    }

    public int DeleteAll(string keyArn) =>
        _keys.Where(e => e.Value.KeyArn == keyArn).Count(e => Delete(e.Key));

    public void Dispose() => _keys.Clear();
}
