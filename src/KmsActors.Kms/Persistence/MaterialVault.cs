using System.Security.Cryptography;
using System.Text;
using KmsActors.Kms.Crypto;

namespace KmsActors.Kms.Persistence;

/// <summary>
/// Key material at rest (README.md, "Key material at rest"). Every material a key persists is sealed with
/// AES-256-GCM under its own random data key; data keys are stored sealed under the engine master key, next to the
/// journal. Shredding a data key (material deleted or expired, key deleted) makes every sealed copy of that material
/// in events and snapshots unreadable for good: crypto-shredding. Thread-safe.
/// Key actors use the asynchronous calls: a store call that does I/O runs on the vault's own threads
/// (kms.persistence.vault.threads) and the actor gets a Task to pipe to itself, so a slow database holds the keys that
/// wait for it and no other (docs/persistence.md, "Nothing blocks an actor"). The synchronous calls block their caller.
/// </summary>
public sealed class MaterialVault : IDisposable
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _masterKey;
    /// <summary>AES-GCM objects under the master key, reused: every new data key is sealed under it.</summary>
    private readonly AesGcmPool _master;
    private readonly IMaterialDataKeyStore _store;
    private readonly Lazy<Services.DedicatedThreads> _threads;

    internal MaterialVault(byte[] masterKey, IMaterialDataKeyStore store, int threads = 1)
    {
        if (masterKey.Length != 32)
            throw new ArgumentException("The master key must be 32 bytes.", nameof(masterKey));
        _masterKey = masterKey;
        _master = new AesGcmPool(masterKey, TagSize);
        _store = store;
        // Started on first use: an engine on the in-memory journal never needs them.
        _threads = new Lazy<Services.DedicatedThreads>(() => new Services.DedicatedThreads("kms-vault", threads));
    }

    /// <summary>A new data key for material <paramref name="keyMaterialId"/> of <paramref name="keyArn"/>, stored (sealed)
    /// before this returns, so it is durable no later than any event persisted afterwards. Blocks while the store writes.</summary>
    public MaterialDataKey NewDataKey(string keyArn, string keyMaterialId)
    {
        var (key, sealedKey) = NewSealedDataKey(keyArn, keyMaterialId);
        _store.Insert(key.Id, keyArn, keyMaterialId, sealedKey);
        return key;
    }

    /// <summary>A new data key; <paramref name="stored"/> completes once the store has it (at once where the store keeps it
    /// in memory or hands it to the journal's next write), so an event using it may be persisted from then on.</summary>
    internal MaterialDataKey NewDataKey(string keyArn, string keyMaterialId, out Task stored)
    {
        var (key, sealedKey) = NewSealedDataKey(keyArn, keyMaterialId);
        if (_store.InsertsInMemory)
        {
            // On the caller's thread: Sqlite.PendingDataKeys reads which write (journal or snapshot) the key is for there.
            _store.Insert(key.Id, keyArn, keyMaterialId, sealedKey);
            stored = Task.CompletedTask;
        }
        else
        {
            stored = _threads.Value.Run(() => _store.Insert(key.Id, keyArn, keyMaterialId, sealedKey));
        }
        return key;
    }

    /// <summary>A new random data key and its ID (32 random bytes and 16 more as 32 hex digits, the length and alphabet of
    /// the GUIDs used before), sealed under the master key; one call to the random source for key, ID and nonce.</summary>
    private (MaterialDataKey Key, byte[] Sealed) NewSealedDataKey(string keyArn, string keyMaterialId)
    {
        Span<byte> random = stackalloc byte[32 + 16 + NonceSize];
        RandomNumberGenerator.Fill(random);
        var key = new MaterialDataKey(Convert.ToHexStringLower(random.Slice(32, 16)), random[..32].ToArray());
        var sealedKey = new byte[NonceSize + 32 + TagSize];
        random[48..].CopyTo(sealedKey);
        var aes = _master.Rent();
        try
        {
            aes.Encrypt(sealedKey.AsSpan(0, NonceSize), key.Key, sealedKey.AsSpan(NonceSize, 32), sealedKey.AsSpan(NonceSize + 32), DataKeyContext(key.Id, keyArn, keyMaterialId));
        }
        finally
        {
            _master.Return(aes);
        }
        CryptographicOperations.ZeroMemory(random);
        return (key, sealedKey);
    }

    /// <summary>The data key, or null once it has been shredded. Blocks while the store reads.</summary>
    /// <exception cref="InvalidOperationException">The stored key does not open under this master key (changed master key, or a damaged row).</exception>
    public MaterialDataKey? OpenDataKey(string dataKeyId, string keyArn, string keyMaterialId) =>
        Opened(_store.Find(dataKeyId), dataKeyId, keyArn, keyMaterialId);

    /// <summary>The data keys <paramref name="wanted"/> of <paramref name="keyArn"/>, in order, null for each that has been
    /// shredded; the task fails as <see cref="OpenDataKey"/> throws.</summary>
    internal Task<MaterialDataKey?[]> OpenDataKeysAsync(string keyArn, IReadOnlyList<(string DataKeyId, string KeyMaterialId)> wanted)
    {
        MaterialDataKey?[] OpenAll() => [.. wanted.Select(w => OpenDataKey(w.DataKeyId, keyArn, w.KeyMaterialId))];
        if (!_store.InMemory)
            return _threads.Value.Run(OpenAll);
        try
        {
            return Task.FromResult(OpenAll());
        }
        catch (Exception e)
        {
            return Task.FromException<MaterialDataKey?[]>(e);
        }
    }

    /// <summary>Destroys a data key; false if it was already gone (a replayed deletion). Blocks while the store deletes.</summary>
    public bool Shred(string dataKeyId) => _store.Delete(dataKeyId);

    /// <summary>Destroys every data key of a deleted key; returns how many there were. Blocks while the store deletes.</summary>
    public int ShredAll(string keyArn) => _store.DeleteAll(keyArn);

    /// <summary><see cref="Shred"/> off the caller's thread where the store does I/O.</summary>
    internal Task ShredAsync(string dataKeyId) => OffThread(() => _store.Delete(dataKeyId));

    /// <summary><see cref="ShredAll"/> off the caller's thread where the store does I/O.</summary>
    internal Task ShredAllAsync(string keyArn) => OffThread(() => _store.DeleteAll(keyArn));

    private Task OffThread<T>(Func<T> work)
    {
        if (!_store.InMemory)
            return _threads.Value.Run(work);
        try
        {
            work();
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    private MaterialDataKey? Opened(byte[]? sealedKey, string dataKeyId, string keyArn, string keyMaterialId)
    {
        if (sealedKey is null)
            return null;
        try
        {
            return new MaterialDataKey(dataKeyId, Open(_masterKey, sealedKey, DataKeyContext(dataKeyId, keyArn, keyMaterialId)));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new InvalidOperationException($"The data key of material {keyMaterialId} of {keyArn} does not open under the configured master key: was kms.persistence.master-key (or the master key file) changed since it was written?", e);
        }
    }

    /// <summary>Seals <paramref name="material"/> of <paramref name="keyArn"/> under <paramref name="dataKey"/>.</summary>
    public static SealedMaterial Seal(MaterialDataKey dataKey, string keyArn, string keyMaterialId, ReadOnlySpan<byte> material)
    {
        var sealedBytes = Seal(dataKey.Key, material, MaterialContext(dataKey.Id, keyArn, keyMaterialId));
        return new SealedMaterial(dataKey.Id, sealedBytes[..NonceSize], sealedBytes[NonceSize..]);
    }

    /// <summary>Opens what <see cref="Seal(MaterialDataKey, string, string, ReadOnlySpan{byte})"/> sealed.</summary>
    /// <exception cref="AuthenticationTagMismatchException">Another key, ARN, material ID, or damaged bytes.</exception>
    public static byte[] Open(MaterialDataKey dataKey, string keyArn, string keyMaterialId, SealedMaterial material) =>
        Open(dataKey.Key, [.. material.Nonce, .. material.Ciphertext], MaterialContext(dataKey.Id, keyArn, keyMaterialId));

    public void Dispose()
    {
        if (_threads.IsValueCreated)
            _threads.Value.Dispose(); // what was queued is written first
        _master.Dispose();
        CryptographicOperations.ZeroMemory(_masterKey);
        _store.Dispose();
    }

    // The associated data binds a sealed value to where it belongs: a data key cannot be moved to another material,
    // nor a sealed material to another key or Region (replicas share key ID and KeyMaterialId, not the ARN).
    private static byte[] DataKeyContext(string dataKeyId, string keyArn, string keyMaterialId) =>
        Encoding.UTF8.GetBytes($"KmsActors data key v1|{dataKeyId}|{keyArn}|{keyMaterialId}");

    private static byte[] MaterialContext(string dataKeyId, string keyArn, string keyMaterialId) =>
        Encoding.UTF8.GetBytes($"KmsActors key material v1|{dataKeyId}|{keyArn}|{keyMaterialId}");

    /// <summary>nonce ‖ ciphertext ‖ tag.</summary>
    private static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, byte[] associatedData)
    {
        var result = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = result.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, result.AsSpan(NonceSize, plaintext.Length), result.AsSpan(NonceSize + plaintext.Length), associatedData);
        return result;
    }

    private static byte[] Open(byte[] key, ReadOnlySpan<byte> sealedBytes, byte[] associatedData)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
            throw new AuthenticationTagMismatchException();
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[NonceSize..^TagSize], sealedBytes[^TagSize..], plaintext, associatedData);
        return plaintext;
    }
}
