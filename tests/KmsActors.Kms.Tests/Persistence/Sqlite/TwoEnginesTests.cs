using System.Collections;
using Akka.Actor;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence.Sqlite;
using KmsActors.Kms.Services;

namespace KmsActors.Kms.Tests.Persistence.Sqlite;

/// <summary>
/// Two engines (two actor systems) in one process, each on its own SQLite file and settings, share no state: each has
/// its own pending data keys (PendingDataKeysRegistry, an extension per actor system, where a static registry and a
/// thread-static flag used to be shared), its own settings and its own keys.
/// </summary>
public sealed class TwoEnginesTests : IAsyncLifetime
{
    private readonly string _dirA = Path.Combine(Path.GetTempPath(), "kms-two-a-" + Guid.NewGuid().ToString("N"));
    private readonly string _dirB = Path.Combine(Path.GetTempPath(), "kms-two-b-" + Guid.NewGuid().ToString("N"));
    private ActorSystem _a = null!;
    private ActorSystem _b = null!;

    private static ActorSystem Start(string name, string dataDir, int snapshotEvery) => ActorSystem.Create(name, KmsConfiguration.Load(
        $$"""
        kms.data-dir = "{{dataDir.Replace("\\", "/", StringComparison.Ordinal)}}"
        kms.snapshot-every = {{snapshotEvery}}
        kms.import.pool { RSA_2048 = 0, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }
        akka.loglevel = ERROR
        """,
        environment: new Hashtable()));

    public Task InitializeAsync()
    {
        _a = Start("engine-a", _dirA, snapshotEvery: 10);
        _b = Start("engine-b", _dirB, snapshotEvery: 20);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task two_engines_in_one_process_keep_their_own_pending_data_keys_settings_and_keys()
    {
        var engineA = KmsEngine.Start(_a, null, TimeSpan.FromSeconds(20));
        var engineB = KmsEngine.Start(_b, null, TimeSpan.FromSeconds(20));
        var keyA = (await engineA.CreateKey(new CreateKeyRequest { Description = "a" })).KeyMetadata!;
        var keyB = (await engineB.CreateKey(new CreateKeyRequest { Description = "b" })).KeyMetadata!;

        var connectionA = KmsServices.Get(_a).Settings.JournalConnectionString;
        var connectionB = KmsServices.Get(_b).Settings.JournalConnectionString;
        Assert.NotEqual(connectionA, connectionB);
        Assert.Equal(10, KmsServices.Get(_a).Settings.SnapshotEvery);
        Assert.Equal(20, KmsServices.Get(_b).Settings.SnapshotEvery);
        // Each engine's journal finds only its own file's pending data keys.
        var registryA = PendingDataKeysRegistry.Get(_a);
        var registryB = PendingDataKeysRegistry.Get(_b);
        Assert.NotSame(registryA, registryB);
        Assert.NotNull(registryA.Find(connectionA));
        Assert.Null(registryA.Find(connectionB));
        Assert.NotNull(registryB.Find(connectionB));
        Assert.Null(registryB.Find(connectionA));
        // A key sealing for a snapshot in one engine marks nothing in the other.
        registryA.SnapshotSealingStarted(keyB.Arn!);
        registryB.Open(connectionB).Add(new DataKeyRow("dk-b", keyB.Arn!, "material", [1]));
        Assert.False(registryB.Open(connectionB).FindRow("dk-b")!.ForSnapshot);
        registryA.SnapshotSealingEnded(keyB.Arn!);
        Assert.True(registryB.Open(connectionB).Remove("dk-b"));

        // Each engine knows its own keys only, and both keys' material works (their data keys were written by their own journal).
        Assert.Equal([keyA.KeyId], (await engineA.ListKeys(new ListKeysRequest())).Keys!.Select(k => k.KeyId));
        Assert.Equal([keyB.KeyId], (await engineB.ListKeys(new ListKeysRequest())).Keys!.Select(k => k.KeyId));
        await Assert.ThrowsAsync<KmsException>(() => engineA.DescribeKey(new DescribeKeyRequest { KeyId = keyB.KeyId }));
        var encrypted = await engineA.Encrypt(new EncryptRequest { KeyId = keyA.KeyId, Plaintext = [7] });
        Assert.Equal([7], (await engineA.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob })).Plaintext!);
        Assert.Equal(0, registryA.Find(connectionA)!.KeysWaiting);
        Assert.Equal(0, registryB.Find(connectionB)!.KeysWaiting);
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_a.Terminate(), _b.Terminate());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var dir in new[] { _dirA, _dirB })
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
    }
}
