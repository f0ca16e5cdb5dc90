using Akka.Actor;
using Akka.Configuration;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.TestKit;
using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Tests.Regions;

/// <summary>
/// CreateKey is answered only once the key's entry in the region index is durable (the region writes entries in
/// batches): real key actors on a SQLite file, across restarts of the actor system. An index entry that cannot be
/// written is in Engine/JournalFaultTests.
/// </summary>
public sealed class RegionIndexDurabilityTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "kms-index-" + Guid.NewGuid().ToString("N"));

    private Config SqliteConfig() => KmsTestKit.CreateConfig(
        $"kms.journal.provider = sqlite\nkms.data-dir = \"{_dataDir.Replace("\\", "/", StringComparison.Ordinal)}\"\n" +
        "kms.import.pool { RSA_2048 = 0, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }");

    [Fact]
    public async Task every_key_whose_create_key_was_answered_before_an_abrupt_shutdown_is_listed_after_the_restart()
    {
        var config = SqliteConfig();
        string[] created;
        var first = ActorSystem.Create("kms-index-1", config);
        try
        {
            var engine = KmsEngine.Start(first);
            var answers = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => engine.CreateKey(new CreateKeyRequest())));
            created = answers.Select(a => a.KeyMetadata!.KeyId!).ToArray();
        }
        finally
        {
            await first.Terminate(); // no Settle: whatever the region had not yet written is lost
        }

        var second = ActorSystem.Create("kms-index-2", config);
        try
        {
            var engine = KmsEngine.Start(second);
            var listed = new List<string>();
            string? marker = null;
            do
            {
                var page = await engine.ListKeys(new ListKeysRequest { Limit = 64, Marker = marker });
                listed.AddRange(page.Keys!.Select(k => k.KeyId!));
                marker = page.NextMarker;
            } while (marker is not null);

            Assert.Equal(created.Order(StringComparer.Ordinal), listed);
        }
        finally
        {
            await second.Terminate();
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
            Directory.Delete(_dataDir, recursive: true);
    }
}
