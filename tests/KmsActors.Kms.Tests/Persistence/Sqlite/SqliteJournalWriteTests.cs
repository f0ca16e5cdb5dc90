using Akka.Persistence;
using Akka.Persistence.Journal;

namespace KmsActors.Kms.Tests.Persistence.Sqlite;

public sealed class SqliteJournalWriteTests : SqliteJournalSpec
{
    [Fact]
    public async Task events_of_an_atomic_write_are_acknowledged_and_replayed_in_sequence_order()
    {
        var journal = Journal();
        Write(journal,
            Atomic(Event("key-1", 1, new JournalTestEvent("a")), Event("key-1", 2, new JournalTestEvent("b")), Event("key-1", 3, new JournalTestEvent("c"))),
            Atomic(Event("key-1", 4, new JournalTestEvent("d"))));

        var (batch, perEvent) = await WriteAnswers(4);
        Assert.IsType<WriteMessagesSuccessful>(batch);
        Assert.Equal([1L, 2, 3, 4], perEvent.Cast<WriteMessageSuccess>().Select(s => s.Persistent.SequenceNr));

        var (events, highest) = await Replay(journal, "key-1");
        Assert.Equal([(1L, "a"), (2, "b"), (3, "c"), (4, "d")], events.Select(e => (e.SequenceNr, ((JournalTestEvent)e.Payload).Text)));
        Assert.Equal(4, highest);
    }

    [Fact]
    public async Task replay_honours_from_to_and_max()
    {
        var journal = Journal();
        Write(journal, Enumerable.Range(1, 10).Select(n => Atomic(Event("key-2", n, new JournalTestEvent($"e{n}")))).ToArray());
        await WriteAnswers(10);

        Assert.Equal([3L, 4, 5, 6], (await Replay(journal, "key-2", from: 3, to: 6)).Events.Select(e => e.SequenceNr));
        Assert.Equal([5L, 6], (await Replay(journal, "key-2", from: 5, max: 2)).Events.Select(e => e.SequenceNr));
        Assert.Empty((await Replay(journal, "key-2", from: 1, max: 0)).Events);
        Assert.Empty((await Replay(journal, "other-key")).Events);
    }

    [Fact]
    public async Task a_write_that_cannot_be_serialized_is_rejected_whole_while_the_other_writes_of_the_call_are_stored()
    {
        var journal = Journal();
        Write(journal,
            Atomic(Event("key-3", 1, new JournalTestEvent("kept"))),
            Atomic(Event("key-3", 2, new JournalTestEvent("same write as the bad one")), Event("key-3", 3, new Unserializable("bad"))),
            Atomic(Event("key-3", 4, new JournalTestEvent("also kept"))));

        var (batch, perEvent) = await WriteAnswers(4);
        // Rejection is per AtomicWrite: the batch itself succeeds, the actor is told which events were rejected.
        Assert.IsType<WriteMessagesSuccessful>(batch);
        Assert.IsType<WriteMessageSuccess>(perEvent[0]);
        var rejected = perEvent.Skip(1).Take(2).Cast<WriteMessageRejected>().ToList();
        Assert.Equal([2L, 3], rejected.Select(r => r.Persistent.SequenceNr));
        Assert.Contains("cannot be serialized", rejected[1].Cause.Message);
        Assert.IsType<WriteMessageSuccess>(perEvent[3]);

        var (events, _) = await Replay(journal, "key-3");
        Assert.Equal(["kept", "also kept"], events.Select(e => ((JournalTestEvent)e.Payload).Text));
    }

    [Fact]
    public async Task tagged_events_are_stored_untagged_for_replay()
    {
        var journal = Journal();
        Write(journal, Atomic(Event("key-4", 1, new Tagged(new JournalTestEvent("tagged"), ["audit", "keys"]))));
        await WriteAnswers(1);

        var (events, _) = await Replay(journal, "key-4");
        Assert.Equal("tagged", Assert.IsType<JournalTestEvent>(Assert.Single(events).Payload).Text);
    }

    [Fact]
    public async Task writes_of_many_actors_sent_at_once_are_all_durable_and_each_actor_replays_only_its_own()
    {
        var journal = Journal();
        var probes = Enumerable.Range(0, 50).Select(_ => CreateTestProbe()).ToList();
        for (var n = 1; n <= 3; n++)
            for (var i = 0; i < probes.Count; i++)
                Write(journal, probes[i].Ref, Atomic(Event($"many-{i}", n, new JournalTestEvent($"{i}:{n}"))));
        foreach (var probe in probes)
            for (var n = 1; n <= 3; n++)
            {
                await probe.ExpectMsgAsync<WriteMessagesSuccessful>(TimeSpan.FromSeconds(10));
                Assert.Equal(n, (await probe.ExpectMsgAsync<WriteMessageSuccess>(TimeSpan.FromSeconds(10))).Persistent.SequenceNr);
            }

        var (events, highest) = await Replay(journal, "many-7");
        Assert.Equal(["7:1", "7:2", "7:3"], events.Select(e => ((JournalTestEvent)e.Payload).Text));
        Assert.Equal(3, highest);
    }
}
