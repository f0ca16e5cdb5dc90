using Akka.Actor;
using Akka.TestKit;
using KmsActors.Kms.Settling;

namespace KmsActors.TestKit.Tests.Foundation;

/// <summary>The same proof on a SQLite file: events survive the whole actor system, not only the actor.</summary>
public sealed class SqliteRecoveryTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "kms-foundation-" + Guid.NewGuid().ToString("N"));

    private ActorSystem StartSystem() => ActorSystem.Create("kms-sqlite", KmsTestKit.CreateConfig($$"""
        kms.journal.provider = sqlite
        kms.data-dir = "{{_dataDir}}"
        """));

    [Fact]
    public async Task an_event_persisted_under_virtual_time_is_recovered_from_the_sqlite_file_by_a_new_actor_system()
    {
        DateTimeOffset firedAt;
        var system = StartSystem();
        try
        {
            var actor = system.ActorOf(ReminderActor.Props("sqlite"));
            await actor.Ask<ReminderActor.Armed>(new ReminderActor.Arm(TimeSpan.FromDays(365)), TimeSpan.FromSeconds(20));
            ((TestScheduler)system.Scheduler).Advance(TimeSpan.FromDays(366));
            await actor.Ask<Settled>(Settle.Instance, TimeSpan.FromSeconds(20));
            var state = await actor.Ask<ReminderActor.State>(new ReminderActor.GetState(), TimeSpan.FromSeconds(20));
            firedAt = Assert.Single(state.FiredAt);
        }
        finally
        {
            await system.Terminate();
        }
        Assert.True(File.Exists(Path.Combine(_dataDir, "kms.db")));

        var restarted = StartSystem();
        try
        {
            var recovered = restarted.ActorOf(ReminderActor.Props("sqlite"));
            var state = await recovered.Ask<ReminderActor.State>(new ReminderActor.GetState(), TimeSpan.FromSeconds(20));
            Assert.Equal([firedAt], state.FiredAt);
            Assert.Null(state.DueAt);
        }
        finally
        {
            await restarted.Terminate();
        }
    }

    [Fact]
    public void the_sqlite_journal_file_is_in_wal_mode()
    {
        KmsTestKit.CreateConfig($"kms.journal.provider = sqlite\nkms.data-dir = \"{_dataDir}\"");
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dataDir, "kms.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
            Directory.Delete(_dataDir, recursive: true);
    }
}
