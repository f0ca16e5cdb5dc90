using System.Security.Cryptography;
using Akka.Event;
using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

// Key material at rest (README.md, "Key material at rest"). The rules and the key's state see plain material;
// the journal and the snapshot store only ever get it sealed under a per-material data key (MaterialVault). A data key
// is stored before the event that uses it is persisted, and shredded once no material of the key's state uses it any
// more, also when that event is replayed (a crash between persist and shred). A shredded key opens as absent material.
public sealed partial class KeyActor
{
    /// <summary>Data keys this actor created or opened, by ID; null for one that is shredded.</summary>
    private readonly PerMaterial<MaterialDataKey?> _dataKeys = new();

    /// <summary>The event as the journal gets it: material sealed under a new data key, never in plain.</summary>
    private IKeyEvent ForJournal(IKeyEvent e) => e switch
    {
        KeyCreated x => x with { Key = x.Key with { Materials = [.. x.Key.Materials.Select(m => m.Material is { } material ? SealedEntry(m, material) : m with { SealedMaterial = null })] } },
        KeyMaterialImported { Material: { } material } x => x with { Material = null, SealedMaterial = SealNew(x.KeyMaterialId, material) },
        KeyRotated { GeneratedMaterial: { } material } x => x with { GeneratedMaterial = null, SealedGeneratedMaterial = SealNew(x.NewKeyMaterialId, material) },
        _ => e,
    };

    /// <summary>The event with its sealed material opened (null where the data key is shredded).</summary>
    private IKeyEvent Opened(IKeyEvent e) => e switch
    {
        KeyCreated x => x with { Key = Opened(x.Key) },
        KeyMaterialImported { SealedMaterial: { } sealedMaterial } x => x with { Material = Open(x.KeyMaterialId, sealedMaterial) },
        KeyRotated { SealedGeneratedMaterial: { } sealedMaterial } x => x with { GeneratedMaterial = Open(x.NewKeyMaterialId, sealedMaterial) },
        _ => e,
    };

    private KmsKey Opened(KmsKey key) => key.Materials.Any(m => m.SealedMaterial is not null)
        ? key with { Materials = [.. key.Materials.Select(m => m.SealedMaterial is { } s ? m with { Material = Open(m.KeyMaterialId, s) } : m)] }
        : key;

    /// <summary>The key as the snapshot store gets it. Material recovered from a version 1 (plain) journal is sealed now, and
    /// the key remembers it, so the next snapshot uses the same data key.</summary>
    private KmsKey ForSnapshot()
    {
        if (_key!.Materials.Any(m => m is { Material: not null, SealedMaterial: null }))
        {
            // The data keys made here are written with the snapshot, not with a journal write (see PendingDataKeys).
            var pending = Persistence.Sqlite.PendingDataKeysRegistry.Get(Context.System);
            pending.SnapshotSealingStarted(_arn);
            try
            {
                _key = _key with { Materials = [.. _key.Materials.Select(m => m is { Material: { } material, SealedMaterial: null } ? SealedEntry(m, material) with { Material = material } : m)] };
            }
            finally
            {
                pending.SnapshotSealingEnded(_arn);
            }
        }
        return _key with { Materials = [.. _key.Materials.Select(m => m with { Material = null })] };
    }

    private KeyMaterialEntry SealedEntry(KeyMaterialEntry entry, byte[] material) =>
        entry with { Material = null, SealedMaterial = SealNew(entry.KeyMaterialId, material) };

    private SealedMaterial SealNew(string keyMaterialId, byte[] material)
    {
        MaterialDataKey dataKey;
        try
        {
            dataKey = _services.Vault.NewDataKey(_arn, keyMaterialId);
        }
        catch (Exception e) when (e is not KmsException)
        {
            Context.GetLogger().Error(e, "Key {0}: could not store the data key of material {1}", _arn, keyMaterialId);
            throw KmsException.Internal($"{_arn}: the key material could not be stored.");
        }
        _dataKeys[dataKey.Id] = dataKey;
        return MaterialVault.Seal(dataKey, _arn, keyMaterialId, material);
    }

    private byte[]? Open(string keyMaterialId, SealedMaterial sealedMaterial)
    {
        if (!_dataKeys.TryGetValue(sealedMaterial.DataKeyId, out var dataKey))
            _dataKeys[sealedMaterial.DataKeyId] = dataKey = _services.Vault.OpenDataKey(sealedMaterial.DataKeyId, _arn, keyMaterialId);
        return dataKey is null ? null : MaterialVault.Open(dataKey, _arn, keyMaterialId, sealedMaterial);
    }

    /// <summary>Shreds the data keys <paramref name="before"/> used and the key's state no longer does; every data key of the
    /// key once it is deleted (also those of writes that failed after their data key was stored).</summary>
    private void ShredUnused(KmsKey? before)
    {
        try
        {
            Shred(before);
        }
        catch (Exception e) when (e is not KmsException)
        {
            // The event stands; replaying it shreds again.
            Context.GetLogger().Error(e, "Key {0}: could not shred a material data key", _arn);
        }
    }

    private void Shred(KmsKey? before)
    {
        if (_deleted)
        {
            _services.Vault.ShredAll(_arn);
            foreach (var dataKey in _dataKeys.Values)
                if (dataKey is not null)
                    CryptographicOperations.ZeroMemory(dataKey.Key);
            _dataKeys.Clear();
            return;
        }
        if (before is null)
            return;
        foreach (var entry in before.Materials)
        {
            if (entry.SealedMaterial is not { DataKeyId: var id } || _key!.Materials.Any(m => m.SealedMaterial?.DataKeyId == id))
                continue;
            if (_dataKeys.TryGetValue(id, out var dataKey) && dataKey is null)
                continue; // already shredded (found so while opening a replayed event)
            _services.Vault.Shred(id);
            if (dataKey is not null)
                CryptographicOperations.ZeroMemory(dataKey.Key);
            _dataKeys[id] = null;
        }
    }
}
