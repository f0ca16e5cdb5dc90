namespace KmsActors.Kms.Persistence;

/// <summary>
/// Where <see cref="MaterialVault"/> keeps data keys, sealed under the master key: a table next to the journal
/// (SQLite, PostgreSQL) or a dictionary (in-memory journal). Thread-safe; every call returns once it is done, so a call
/// that does I/O blocks its thread: <see cref="MaterialVault"/> runs those on threads of its own, never on an actor's.
/// </summary>
internal interface IMaterialDataKeyStore : IDisposable
{
    /// <summary>Every call returns at once, without I/O (the in-memory journal's dictionary).</summary>
    bool InMemory { get; }

    /// <summary><see cref="Insert"/> returns at once, without I/O: kept in memory, or handed to the journal that writes it
    /// in its own transaction (see Sqlite.PendingDataKeys).</summary>
    bool InsertsInMemory { get; }

    /// <summary>Stores a new data key; returns once it will be durable no later than the key's next event or snapshot
    /// written after it (on the engine's SQLite file it is written in that write's transaction).</summary>
    void Insert(string dataKeyId, string keyArn, string keyMaterialId, byte[] sealedKey);

    /// <summary>The sealed data key, or null once it has been deleted (or never existed).</summary>
    byte[]? Find(string dataKeyId);

    /// <summary>Deletes the data key so that none of its bytes remain in the store; false if it was already gone.</summary>
    bool Delete(string dataKeyId);

    /// <summary>Deletes every data key of a key ARN (the key itself was deleted); returns how many there were.</summary>
    int DeleteAll(string keyArn);
}
