using System.Collections;
using Akka.Actor;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Tests.Persistence.Sqlite;

/// <summary>
/// A write failure in the middle of a group commit (issue #4): the whole engine on the SQLite journal, concurrent callers
/// on many keys, and one batch of several keys' writes failing. Only that batch's callers hear KMSInternalException; their
/// keys stop, start again from the journal and serve the calls queued behind the failed write and later ones; every
/// other call succeeds. This is the SQLite journal's own group commit (one transaction for several actors' writes, then
/// each write retried alone), which an in-memory journal cannot stand in for: a key's failed or rejected write on any
/// journal is in Engine/JournalFaultTests (Akka.Persistence.TestKit's journal).
/// </summary>
public sealed class BatchFailureTests : IAsyncLifetime
{
    private const int Keys = 8;
    private const int CallersPerKey = 3;
    private const int CallsPerCaller = 4;

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "kms-batch-failure-" + Guid.NewGuid().ToString("N"));
    private ActorSystem _system = null!;
    private KmsEngine _engine = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("batch-failure", KmsConfiguration.Load(
            $$"""
            kms.data-dir = "{{_dataDir.Replace("\\", "/", StringComparison.Ordinal)}}"
            kms.persistence.sqlite-journal.class = "KmsActors.Kms.Tests.Persistence.Sqlite.FailingBatchJournal, KmsActors.Kms.Tests"
            kms.import.pool { RSA_2048 = 0, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }
            akka.loglevel = ERROR
            """,
            environment: new Hashtable()));
        // A call lost instead of answered would surface as a timeout well within the test's time.
        _engine = KmsEngine.Start(_system, null, TimeSpan.FromSeconds(20));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task only_the_callers_of_the_failed_batch_get_KMSInternalException_and_their_keys_recover_and_serve_later_calls()
    {
        var keys = new List<KeyMetadata>();
        for (var i = 0; i < Keys; i++)
            keys.Add((await _engine.CreateKey(new CreateKeyRequest { Description = $"batch {i}" })).KeyMetadata!);
        await _engine.Settle();
        FailingBatchJournal.Arm(minWrites: 3);

        // Several callers per key: calls queue in the key actor behind the write in flight, as under real load.
        var calls = keys.SelectMany(key => Enumerable.Range(0, CallersPerKey).Select(caller => Task.Run(async () =>
        {
            var outcomes = new List<(string KeyId, string Tag, Exception? Error)>();
            for (var call = 0; call < CallsPerCaller; call++)
            {
                var tag = $"caller-{caller}-call-{call}";
                try
                {
                    await _engine.Send<EmptyResponse>(new TagResourceRequest { KeyId = key.KeyId, Tags = [new Tag { TagKey = tag, TagValue = "v" }] });
                    outcomes.Add((key.KeyId!, tag, null));
                }
                catch (Exception error)
                {
                    outcomes.Add((key.KeyId!, tag, error));
                }
            }
            return outcomes;
        })));
        var outcomes = (await Task.WhenAll(calls)).SelectMany(o => o).ToList();

        var failedBatch = FailingBatchJournal.FailedBatch;
        Assert.True(failedBatch.Count >= 3, "No batch of three writes formed, so none failed.");
        var arnOf = keys.ToDictionary(k => k.KeyId!, k => k.Arn!);
        Assert.All(failedBatch, id => Assert.Contains(id, arnOf.Values.Select(arn => "key-" + arn)));
        var failed = outcomes.Where(o => o.Error is not null).ToList();
        Assert.All(failed, o => Assert.Equal(KmsErrorCodes.KMSInternalException, Assert.IsType<KmsException>(o.Error).ErrorCode));
        // One call per key in the batch failed (a key has one write in flight); every other call succeeded.
        Assert.Equal(failedBatch.Order(StringComparer.Ordinal), failed.Select(o => "key-" + arnOf[o.KeyId]).Order(StringComparer.Ordinal));
        Assert.Equal(Keys * CallersPerKey * CallsPerCaller - failedBatch.Count, outcomes.Count(o => o.Error is null));

        foreach (var key in keys)
        {
            // The key holds exactly its acknowledged calls: the failed one left nothing behind.
            var tags = (await _engine.Send<ListResourceTagsResponse>(new ListResourceTagsRequest { KeyId = key.KeyId })).Tags!;
            Assert.Equal(
                outcomes.Where(o => o.KeyId == key.KeyId && o.Error is null).Select(o => o.Tag).Order(StringComparer.Ordinal),
                tags.Select(t => t.TagKey!).Order(StringComparer.Ordinal));
            // And serves later calls.
            await _engine.Send<EmptyResponse>(new UpdateKeyDescriptionRequest { KeyId = key.KeyId, Description = "after the failure" });
            var blob = (await _engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [7, 7] })).CiphertextBlob;
            Assert.Equal([7, 7], (await _engine.Decrypt(new DecryptRequest { CiphertextBlob = blob })).Plaintext);
            Assert.Equal("after the failure", (await _engine.DescribeKey(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata!.Description);
        }
    }

    [Fact]
    public async Task data_keys_are_written_with_the_events_that_use_them_in_the_same_group_commits()
    {
        // Material data keys wait for the key's journal write and go in its transaction (PendingDataKeys): after
        // concurrent creates, one data key row per key, and every key's material opens after a restart.
        var created = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            _engine.CreateKey(new CreateKeyRequest { Description = $"create {i}" })));
        var ciphertexts = new Dictionary<string, byte[]>();
        foreach (var key in created.Select(c => c.KeyMetadata!))
            ciphertexts[key.KeyId!] = (await _engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [1, 2, 3] })).CiphertextBlob!;
        await _engine.Settle();
        await _system.Terminate();

        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDir, "kms.db")}"))
        {
            connection.Open();
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(DISTINCT key_arn) FROM material_data_key";
            Assert.Equal(created.Length, (long)count.ExecuteScalar()!);
        }
        await InitializeAsync();
        foreach (var (keyId, blob) in ciphertexts)
            Assert.Equal([1, 2, 3], (await _engine.Decrypt(new DecryptRequest { CiphertextBlob = blob })).Plaintext);
    }

    public async Task DisposeAsync()
    {
        FailingBatchJournal.Arm(minWrites: 0);
        await _system.Terminate();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
            Directory.Delete(_dataDir, recursive: true);
    }
}
