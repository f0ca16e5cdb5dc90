using Akka.Actor;

namespace KmsActors.Kms.Tests.Persistence.Sqlite;

public sealed class SqliteRecoveryTests : SqliteJournalSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task a_persistent_actor_recovers_snapshot_and_later_events_in_a_new_actor_system_on_the_same_file()
    {
        var actor = Sys.ActorOf(JournalTestActor.Props("key-r"));
        foreach (var text in new[] { "a", "b", "c" })
            await actor.Ask<long>(new JournalTestActor.Record(text), Timeout);
        Assert.Equal(3, await actor.Ask<long>(new JournalTestActor.TakeSnapshot(), Timeout));
        Assert.Equal(4, await actor.Ask<long>(new JournalTestActor.Record("d"), Timeout));
        await Sys.Terminate();

        var restarted = ActorSystem.Create("restarted", Load(DataDir));
        try
        {
            var recovered = restarted.ActorOf(JournalTestActor.Props("key-r"));
            Assert.Equal("a,b,c,d", await recovered.Ask<string>(new JournalTestActor.GetTexts(), Timeout));
            // Sequence numbers continue where the first system left off.
            Assert.Equal(5, await recovered.Ask<long>(new JournalTestActor.Record("e"), Timeout));
        }
        finally
        {
            await restarted.Terminate();
        }
    }

    [Fact]
    public async Task the_engine_default_journal_is_the_sqlite_file_under_the_data_directory()
    {
        var actor = Sys.ActorOf(JournalTestActor.Props("key-file"));
        await actor.Ask<long>(new JournalTestActor.Record("on disk"), Timeout);

        Assert.Equal("kms.persistence.sqlite-journal", Sys.Settings.Config.GetString("akka.persistence.journal.plugin"));
        Assert.True(File.Exists(Path.Combine(DataDir, "kms.db")));
        Assert.True(File.Exists(Path.Combine(DataDir, "kms.db-wal")), "the journal writes in WAL mode");
    }
}
