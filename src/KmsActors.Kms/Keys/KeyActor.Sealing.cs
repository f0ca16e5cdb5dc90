using System.Security.Cryptography;
using Akka.Event;
using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

// Key material at rest (README.md, "Key material at rest"). The rules and the key's state see plain material;
// the journal and the snapshot store only ever get it sealed under a per-material data key (MaterialVault). A data key
// is stored before the event that uses it is persisted, and shredded once no material of the key's state uses it any
// more, also when that event is replayed (a crash between persist and shred). A shredded key opens as absent material.
// The vault's database calls run off this thread; the key waits for them as KeyActor.Vault.cs describes.
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

    /// <summary>A persisted event as the key applies it: sealed (the key's state keeps where each material is sealed) and
    /// with its material in plain, taken from <paramref name="decided"/>, the event as decided, rather than opened again
    /// (another AES-GCM key setup per import or rotation).</summary>
    private IKeyEvent WithPlainMaterial(IKeyEvent persisted, IKeyEvent decided) => (persisted, decided) switch
    {
        (KeyMaterialImported { SealedMaterial: not null } x, KeyMaterialImported { Material: { } material }) => x with { Material = material },
        (KeyRotated { SealedGeneratedMaterial: not null } x, KeyRotated { GeneratedMaterial: { } material }) => x with { GeneratedMaterial = material },
        _ => Opened(persisted),
    };

    /// <summary>The event with its sealed material opened (null where the data key is shredded).</summary>
    private IKeyEvent Opened(IKeyEvent e) => e switch
    {
        KeyCreated x => x with { Key = Opened(x.Key) },
        KeyMaterialImported { SealedMaterial: { } sealedMaterial } x => x with { Material = Open(x.KeyMaterialId, sealedMaterial) },
        KeyRotated { SealedGeneratedMaterial: { } sealedMaterial } x => x with { GeneratedMaterial = Open(x.NewKeyMaterialId, sealedMaterial) },
        _ => e,
    };

    /// <summary>The key with its sealed material opened; a material whose data key is shredded is absent.</summary>
    private KmsKey Opened(KmsKey key) => key.Materials.Any(m => m.SealedMaterial is not null)
        ? key with { Materials = [.. key.Materials.Select(m => m.SealedMaterial is { } s
            ? Open(m.KeyMaterialId, s) is { } material ? m with { Material = material } : m with { Material = null, SealedMaterial = null }
            : m)] }
        : key;

    /// <summary>Saves a snapshot of the key, unless material recovered from a version 1 (plain) journal had to be sealed
    /// for it under data keys the store is still writing: that snapshot is skipped (the key waits for them before it goes
    /// on, see <see cref="PersistSealed"/>), and the next one finds the material sealed.</summary>
    private void SaveSnapshotOfState()
    {
        var tracked = _vaultWork?.Count ?? 0;
        var snapshot = ForSnapshot();
        if ((_vaultWork?.Count ?? 0) == tracked)
            SaveSnapshot(snapshot);
    }

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
            dataKey = _services.Vault.NewDataKey(_arn, keyMaterialId, out var stored);
            Track(stored);
        }
        catch (Exception e) when (e is not KmsException)
        {
            Context.GetLogger().Error(e, "Key {0}: could not store the data key of material {1}", _arn, keyMaterialId);
            throw KmsException.Internal($"{_arn}: the key material could not be stored.");
        }
        _dataKeys[dataKey.Id] = dataKey;
        return MaterialVault.Seal(dataKey, _arn, keyMaterialId, material);
    }

    /// <summary>Opens material under a data key this actor holds: one it made (a persisted event's) or opened at recovery
    /// (<see cref="OpenRecovered"/>); never a store call on this thread.</summary>
    private byte[]? Open(string keyMaterialId, SealedMaterial sealedMaterial)
    {
        if (!_dataKeys.TryGetValue(sealedMaterial.DataKeyId, out var dataKey))
            throw new InvalidOperationException($"{_arn}: data key {sealedMaterial.DataKeyId} of material {keyMaterialId} was not opened beforehand.");
        return dataKey is null ? null : MaterialVault.Open(dataKey, _arn, keyMaterialId, sealedMaterial);
    }

    /// <summary>Shreds the data keys <paramref name="before"/> used and the key's state no longer does; every data key of the
    /// key once it is deleted (also those of writes that failed after their data key was stored). The shreds run off this
    /// thread; the key's next step waits for them (a failure is logged: the event stands, replaying it shreds again).</summary>
    private void ShredUnused(KmsKey? before)
    {
        if (_deleted)
        {
            Track(_services.Vault.ShredAllAsync(_arn));
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
            Track(_services.Vault.ShredAsync(id));
            if (dataKey is not null)
                CryptographicOperations.ZeroMemory(dataKey.Key);
            _dataKeys[id] = null;
        }
    }
}
