using System.Security.Cryptography;
using System.Text;

namespace KmsActors.Kms.Persistence;

/// <summary>
/// Key material at rest (README.md, "Key material at rest"). Every material a key persists is sealed with
/// AES-256-GCM under its own random data key; data keys are stored sealed under the engine master key, next to the
/// journal. Shredding a data key (material deleted or expired, key deleted) makes every sealed copy of that material
/// in events and snapshots unreadable for good: crypto-shredding. Thread-safe; calls block until the store is done.
/// </summary>
public sealed class MaterialVault : IDisposable
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _masterKey;
    private readonly IMaterialDataKeyStore _store;

    internal MaterialVault(byte[] masterKey, IMaterialDataKeyStore store)
    {
        if (masterKey.Length != 32)
            throw new ArgumentException("The master key must be 32 bytes.", nameof(masterKey));
        _masterKey = masterKey;
        _store = store;
    }

    /// <summary>A new data key for material <paramref name="keyMaterialId"/> of <paramref name="keyArn"/>, stored (sealed)
    /// before this returns, so it is durable no later than any event persisted afterwards.</summary>
    public MaterialDataKey NewDataKey(string keyArn, string keyMaterialId)
    {
        var key = new MaterialDataKey(Guid.NewGuid().ToString("N"), RandomNumberGenerator.GetBytes(32));
        _store.Insert(key.Id, keyArn, keyMaterialId, Seal(_masterKey, key.Key, DataKeyContext(key.Id, keyArn, keyMaterialId)));
        return key;
    }

    /// <summary>The data key, or null once it has been shredded.</summary>
    /// <exception cref="InvalidOperationException">The stored key does not open under this master key (changed master key, or a damaged row).</exception>
    public MaterialDataKey? OpenDataKey(string dataKeyId, string keyArn, string keyMaterialId)
    {
        if (_store.Find(dataKeyId) is not { } sealedKey)
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

    /// <summary>Destroys a data key; false if it was already gone (a replayed deletion).</summary>
    public bool Shred(string dataKeyId) => _store.Delete(dataKeyId);

    /// <summary>Destroys every data key of a deleted key; returns how many there were.</summary>
    public int ShredAll(string keyArn) => _store.DeleteAll(keyArn);

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
