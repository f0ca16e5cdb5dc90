using System.Collections.Concurrent;
using Akka.Actor;

namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>
/// The <see cref="PendingDataKeys"/> of one engine (actor system), one per SQLite file (its connection string), shared
/// by that engine's data-key store, journal and snapshot store. Per actor system rather than static, so two engines in
/// one process never see each other's pending data keys, even on the same file name; and which keys are sealing
/// material for a snapshot is told here by key ARN, not by a thread-static flag that another engine's actor (or the
/// same sealing moved to another thread) would read.
/// </summary>
internal sealed class PendingDataKeysRegistry : IExtension
{
    private readonly ConcurrentDictionary<string, PendingDataKeys> _byFile = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _sealingForSnapshot = new(StringComparer.Ordinal);

    public static PendingDataKeysRegistry Get(ActorSystem system) => system.WithExtension<PendingDataKeysRegistry, PendingDataKeysRegistryProvider>();

    /// <summary>The registry of the engine's SQLite file, made by its data-key store.</summary>
    public PendingDataKeys Open(string connectionString) => _byFile.GetOrAdd(connectionString, _ => new PendingDataKeys(IsSealingForSnapshot));

    /// <summary>The registry of a file whose data-key store defers its inserts, or null (nothing is ever pending there).</summary>
    public PendingDataKeys? Find(string connectionString) => _byFile.GetValueOrDefault(connectionString);

    /// <summary>Until <see cref="SnapshotSealingEnded"/>, the data keys made for <paramref name="keyArn"/> are its snapshot's
    /// (a key actor around sealing material for a snapshot: KeyActor.Sealing).</summary>
    public void SnapshotSealingStarted(string keyArn) => _sealingForSnapshot[keyArn] = 0;

    public void SnapshotSealingEnded(string keyArn) => _sealingForSnapshot.TryRemove(keyArn, out _);

    private bool IsSealingForSnapshot(string keyArn) => _sealingForSnapshot.ContainsKey(keyArn);
}
