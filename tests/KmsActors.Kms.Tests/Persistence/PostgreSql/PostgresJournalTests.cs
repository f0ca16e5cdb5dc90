using System.Collections;
using Akka.Actor;
using Akka.Configuration;
using KmsActors.Kms.Configuration;

namespace KmsActors.Kms.Tests.Persistence.PostgreSql;

[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalTests(PostgresServerFixture server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private Config Config() => KmsConfiguration.Load(
        $"""
        kms.journal.provider = postgresql
        kms.journal.connection-string = "{server.ConnectionString}"
        akka.loglevel = WARNING
        """,
        environment: new Hashtable());

    [PostgresFact]
    public async Task a_persistent_actor_recovers_snapshot_and_later_events_from_postgresql_in_a_new_actor_system()
    {
        var id = "pg-key-" + Guid.NewGuid().ToString("N");
        var first = ActorSystem.Create("first", Config());
        try
        {
            Assert.Equal("akka.persistence.journal.sql", first.Settings.Config.GetString("akka.persistence.journal.plugin"));
            var actor = first.ActorOf(JournalTestActor.Props(id));
            foreach (var text in new[] { "a", "b", "c" })
                await actor.Ask<long>(new JournalTestActor.Record(text), Timeout);
            Assert.Equal(3, await actor.Ask<long>(new JournalTestActor.TakeSnapshot(), Timeout));
            Assert.Equal(4, await actor.Ask<long>(new JournalTestActor.Record("d"), Timeout));
        }
        finally
        {
            await first.Terminate();
        }

        var second = ActorSystem.Create("second", Config());
        try
        {
            var recovered = second.ActorOf(JournalTestActor.Props(id));
            Assert.Equal("a,b,c,d", await recovered.Ask<string>(new JournalTestActor.GetTexts(), Timeout));
            Assert.Equal(5, await recovered.Ask<long>(new JournalTestActor.Record("e"), Timeout));
        }
        finally
        {
            await second.Terminate();
        }
    }

    [PostgresFact]
    public async Task many_actors_persisting_at_once_each_recover_exactly_their_own_events()
    {
        var ids = Enumerable.Range(0, 100).Select(i => $"pg-many-{Guid.NewGuid():N}-{i}").ToList();
        var first = ActorSystem.Create("first", Config());
        try
        {
            var actors = ids.Select(id => first.ActorOf(JournalTestActor.Props(id))).ToList();
            for (var n = 1; n <= 3; n++)
                await Task.WhenAll(actors.Select((a, i) => a.Ask<long>(new JournalTestActor.Record($"{i}.{n}"), Timeout)));
        }
        finally
        {
            await first.Terminate();
        }

        var second = ActorSystem.Create("second", Config());
        try
        {
            var texts = await Task.WhenAll(ids.Select(id => second.ActorOf(JournalTestActor.Props(id)).Ask<string>(new JournalTestActor.GetTexts(), Timeout)));
            Assert.Equal(Enumerable.Range(0, 100).Select(i => $"{i}.1,{i}.2,{i}.3"), texts);
        }
        finally
        {
            await second.Terminate();
        }
    }
}
