using Akka.Actor;
using Akka.Persistence;

namespace KmsActors.Kms.Tests.Persistence.Sqlite;

public sealed class SqliteJournalDeleteTests : SqliteJournalSpec
{
    [Fact]
    public async Task deleting_up_to_a_sequence_number_removes_those_events_and_keeps_the_rest()
    {
        var journal = Journal();
        Write(journal, Enumerable.Range(1, 5).Select(n => Atomic(Event("key-d", n, new JournalTestEvent($"e{n}")))).ToArray());
        await WriteAnswers(5);

        journal.Tell(new DeleteMessagesTo("key-d", 3, TestActor));
        Assert.Equal(3, (await ExpectMsgAsync<DeleteMessagesSuccess>()).ToSequenceNr);

        var (events, highest) = await Replay(journal, "key-d");
        Assert.Equal([4L, 5], events.Select(e => e.SequenceNr));
        Assert.Equal(5, highest);
    }

    [Fact]
    public async Task the_highest_sequence_number_never_goes_down_after_deleting_every_event_even_in_a_new_actor_system()
    {
        var journal = Journal();
        Write(journal, Enumerable.Range(1, 5).Select(n => Atomic(Event("key-h", n, new JournalTestEvent($"e{n}")))).ToArray());
        await WriteAnswers(5);
        journal.Tell(new DeleteMessagesTo("key-h", long.MaxValue, TestActor));
        await ExpectMsgAsync<DeleteMessagesSuccess>();

        var (events, highest) = await Replay(journal, "key-h");
        Assert.Empty(events);
        Assert.Equal(5, highest);

        await Sys.Terminate();
        var restarted = ActorSystem.Create("restarted", Load(DataDir));
        try
        {
            var probe = new Akka.TestKit.TestProbe(restarted, new Akka.TestKit.Xunit2.XunitAssertions());
            Akka.Persistence.Persistence.Instance.Apply(restarted).JournalFor(null)
                .Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, "key-h", probe.Ref));
            Assert.Equal(5, (await probe.ExpectMsgAsync<RecoverySuccess>(TimeSpan.FromSeconds(10))).HighestSequenceNr);
        }
        finally
        {
            await restarted.Terminate();
        }
    }
}
