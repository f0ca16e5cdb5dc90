using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Tests.Persistence;

/// <summary>A deliberately slow vault: the in-memory data-key store behind a <see cref="Gate"/>, declared as doing I/O
/// (as SQLite and PostgreSQL do), so the vault runs every call of it on its own threads.</summary>
internal sealed class GatedDataKeyStore(Gate gate) : IMaterialDataKeyStore
{
    private readonly InMemoryMaterialDataKeyStore _store = new();

    public bool InMemory => false;

    public bool InsertsInMemory => false;

    /// <summary>Calls that went through to the store.</summary>
    public int Calls => _calls;

    private int _calls;

    public void Insert(string dataKeyId, string keyArn, string keyMaterialId, byte[] sealedKey)
    {
        Through();
        _store.Insert(dataKeyId, keyArn, keyMaterialId, sealedKey);
    }

    public byte[]? Find(string dataKeyId)
    {
        Through();
        return _store.Find(dataKeyId);
    }

    public bool Delete(string dataKeyId)
    {
        Through();
        return _store.Delete(dataKeyId);
    }

    public int DeleteAll(string keyArn)
    {
        Through();
        return _store.DeleteAll(keyArn);
    }

    private void Through()
    {
        gate.Pass();
        Interlocked.Increment(ref _calls);
    }

    public void Dispose() => _store.Dispose();
}
