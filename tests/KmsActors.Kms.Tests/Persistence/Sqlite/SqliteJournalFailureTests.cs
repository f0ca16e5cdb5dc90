using Akka.Persistence;

namespace KmsActors.Kms.Tests.Persistence.Sqlite;

public sealed class SqliteJournalFailureTests : SqliteJournalSpec
{
    private const string PluginId = "kms.test.failing-journal";

    public SqliteJournalFailureTests() : base(dataDir => $$"""
        kms.test.failing-journal {
          class = "KmsActors.Kms.Tests.Persistence.Sqlite.FailingCommitJournal, KmsActors.Kms.Tests"
          plugin-dispatcher = "akka.actor.default-dispatcher"
          connection-string = "Data Source={{Path.Combine(dataDir, "kms.db")}}"
        }
        """)
    {
        FailingCommitJournal.Reset();
    }

    [Fact]
    public async Task a_failed_commit_fails_only_the_caller_whose_write_breaks_it_even_when_grouped_with_others()
    {
        var journal = Journal(PluginId);
        var (blocker, doomed, healthy1, healthy2) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        FailingCommitJournal.ShouldFail = ids => ids.Any(id => id.StartsWith("doomed", StringComparison.Ordinal));
        FailingCommitJournal.Gate.Reset();

        // The first commit waits at the gate, so the next three writes queue up and are committed as one group.
        Write(journal, blocker.Ref, Atomic(Event("blocker", 1, new JournalTestEvent("first"))));
        Write(journal, doomed.Ref, Atomic(Event("doomed", 1, new JournalTestEvent("x")), Event("doomed", 2, new JournalTestEvent("y"))));
        Write(journal, healthy1.Ref, Atomic(Event("healthy-1", 1, new JournalTestEvent("h1"))));
        Write(journal, healthy2.Ref, Atomic(Event("healthy-2", 1, new JournalTestEvent("h2"))));
        await AwaitConditionAsync(() => Task.FromResult(FailingCommitJournal.Calls == 4), TimeSpan.FromSeconds(10));
        FailingCommitJournal.Gate.Set();

        await blocker.ExpectMsgAsync<WriteMessagesSuccessful>();
        Assert.Contains("Simulated disk failure", (await doomed.ExpectMsgAsync<WriteMessagesFailed>()).Cause.Message);
        var failedFirst = await doomed.ExpectMsgAsync<WriteMessageFailure>();
        var failedSecond = await doomed.ExpectMsgAsync<WriteMessageFailure>();
        Assert.Equal((1L, 2L), (failedFirst.Persistent.SequenceNr, failedSecond.Persistent.SequenceNr));
        await healthy1.ExpectMsgAsync<WriteMessagesSuccessful>();
        await healthy2.ExpectMsgAsync<WriteMessagesSuccessful>();

        Assert.Empty((await Replay(journal, "doomed")).Events);
        Assert.Equal(["h1"], (await Replay(journal, "healthy-1")).Events.Select(e => ((JournalTestEvent)e.Payload).Text));
    }

    [Fact]
    public async Task when_the_disk_fails_every_caller_of_the_group_fails_and_the_journal_keeps_working_afterwards()
    {
        var journal = Journal(PluginId);
        var (blocker, first, second, later) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        FailingCommitJournal.ShouldFail = _ => true;
        FailingCommitJournal.Gate.Reset();

        Write(journal, blocker.Ref, Atomic(Event("blocker", 1, new JournalTestEvent("first"))));
        Write(journal, first.Ref, Atomic(Event("key-a", 1, new JournalTestEvent("a"))));
        Write(journal, second.Ref, Atomic(Event("key-b", 1, new JournalTestEvent("b"))));
        await AwaitConditionAsync(() => Task.FromResult(FailingCommitJournal.Calls == 3), TimeSpan.FromSeconds(10));
        FailingCommitJournal.Gate.Set();

        await blocker.ExpectMsgAsync<WriteMessagesFailed>();
        await first.ExpectMsgAsync<WriteMessagesFailed>();
        await second.ExpectMsgAsync<WriteMessagesFailed>();

        FailingCommitJournal.ShouldFail = _ => false;
        Write(journal, later.Ref, Atomic(Event("key-a", 1, new JournalTestEvent("retried"))));
        await later.ExpectMsgAsync<WriteMessagesSuccessful>();
        var (events, highest) = await Replay(journal, "key-a");
        Assert.Equal(["retried"], events.Select(e => ((JournalTestEvent)e.Payload).Text));
        Assert.Equal(1, highest);
        Assert.Empty((await Replay(journal, "key-b")).Events);
    }

    protected override void AfterAll()
    {
        FailingCommitJournal.Reset();
        base.AfterAll();
    }
}
