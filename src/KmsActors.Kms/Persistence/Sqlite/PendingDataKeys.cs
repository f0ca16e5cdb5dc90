using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>One material data key row waiting for the journal or snapshot write of the key that uses it.</summary>
/// <param name="ForSnapshot">Made for a snapshot: only the snapshot store writes it. A journal write must not carry
/// it: the snapshot, committed on its own, could then name a data key still waiting in the journal's transaction.</param>
internal sealed record DataKeyRow(string DataKeyId, string KeyArn, string KeyMaterialId, byte[] SealedKey, bool ForSnapshot = false);

/// <summary>
/// Data keys of the engine's own SQLite journal file that are not written yet: a key actor makes a data key right
/// before it persists the event (or saves the snapshot) sealing material under it, and the journal (or snapshot
/// store) inserts the key's pending rows in the same transaction as that write. So a data key is durable exactly
/// when the first write using it is, a failed write takes its data keys with it, and creating or importing a key
/// costs no transaction of its own: inserted one by one, on a second connection contending with the journal's
/// writer for SQLite's write lock, they held key creation to ~400 keys/s and blocked a pool thread each.
/// One per database file of an engine (<see cref="PendingDataKeysRegistry"/>, per actor system), shared by that engine's
/// data-key store, journal and snapshot store.
/// </summary>
/// <param name="sealingForSnapshot">True for a key ARN whose actor is sealing material for a snapshot: the data keys it
/// makes meanwhile are the snapshot's.</param>
internal sealed class PendingDataKeys(Func<string, bool>? sealingForSnapshot = null)
{
    private const string KeyPersistenceIdPrefix = "key-";

    /// <summary>Pending rows by key ARN; an entry leaves the map as soon as it is empty (a million keys created must not
    /// leave a million empty lists behind), and is marked gone first so an Add racing with that retries on a new one.</summary>
    private readonly ConcurrentDictionary<string, KeyRows> _byArn = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DataKeyRow> _byId = new(StringComparer.Ordinal);

    private sealed class KeyRows
    {
        public readonly List<DataKeyRow> Rows = [];
        public bool Gone;
    }

    public void Add(DataKeyRow row)
    {
        if (!row.ForSnapshot && sealingForSnapshot is not null && sealingForSnapshot(row.KeyArn))
            row = row with { ForSnapshot = true };
        while (true)
        {
            var entry = _byArn.GetOrAdd(row.KeyArn, static _ => new KeyRows());
            lock (entry)
            {
                if (entry.Gone)
                    continue;
                entry.Rows.Add(row);
                _byId[row.DataKeyId] = row;
                return;
            }
        }
    }

    /// <summary>Keys with rows waiting (tests: an emptied key leaves nothing behind).</summary>
    internal int KeysWaiting => _byArn.Count;

    public DataKeyRow? FindRow(string dataKeyId) => _byId.GetValueOrDefault(dataKeyId);

    public bool Remove(string dataKeyId) =>
        _byId.TryGetValue(dataKeyId, out var row) && TakeWhere(row.KeyArn, r => r.DataKeyId == dataKeyId) is not null;

    public int RemoveAll(string keyArn) => TakeWhere(keyArn, static _ => true)?.Count ?? 0;

    /// <summary>Takes the pending rows of the key actor with <paramref name="persistenceId"/> for a journal write, or
    /// with <paramref name="forSnapshot"/> those made for its snapshot: the caller writes them in its transaction and
    /// puts them back (<see cref="Restore"/>) if that fails.</summary>
    public List<DataKeyRow>? Take(string persistenceId, bool forSnapshot = false) =>
        persistenceId.StartsWith(KeyPersistenceIdPrefix, StringComparison.Ordinal)
            ? TakeWhere(persistenceId[KeyPersistenceIdPrefix.Length..], r => r.ForSnapshot == forSnapshot)
            : null;

    /// <summary>Removes the key's rows that match, in the order they were added; null when none did.</summary>
    private List<DataKeyRow>? TakeWhere(string keyArn, Predicate<DataKeyRow> match)
    {
        if (!_byArn.TryGetValue(keyArn, out var entry))
            return null;
        lock (entry)
        {
            var taken = entry.Rows.FindAll(match);
            if (taken.Count == 0)
                return null;
            entry.Rows.RemoveAll(match);
            foreach (var row in taken)
                _byId.TryRemove(row.DataKeyId, out _);
            if (entry.Rows.Count == 0)
            {
                entry.Gone = true;
                _byArn.TryRemove(KeyValuePair.Create(keyArn, entry));
            }
            return taken;
        }
    }

    /// <summary>Puts back the rows of a write that failed: the next write of that key (or its snapshot) takes them.</summary>
    public void Restore(IEnumerable<DataKeyRow> rows)
    {
        foreach (var row in rows)
            Add(row);
    }

    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<DataKeyRow> rows)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO material_data_key (data_key_id, key_arn, key_material_id, sealed_key) VALUES ($id, $arn, $material, $key)";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var arn = command.Parameters.Add("$arn", SqliteType.Text);
        var material = command.Parameters.Add("$material", SqliteType.Text);
        var key = command.Parameters.Add("$key", SqliteType.Blob);
        foreach (var row in rows)
        {
            (id.Value, arn.Value, material.Value, key.Value) = (row.DataKeyId, row.KeyArn, row.KeyMaterialId, row.SealedKey);
            command.ExecuteNonQuery();
        }
    }
}
