using System.Collections;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using KmsActors.Kms.Configuration;
using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Tests.Persistence.Sqlite;

/// <summary>
/// Base of the SQLite journal tests: an actor system on the engine's SQLite profile in its own data directory,
/// and helpers that speak Akka's journal protocol directly (as Akka's journal TCK does).
/// </summary>
public abstract class SqliteJournalSpec : Akka.TestKit.Xunit2.TestKit
{
    protected const string WriterGuid = "writer-1";

    /// <param name="extraConfig">More HOCON, given the data directory.</param>
    protected SqliteJournalSpec(Func<string, string>? extraConfig = null) : this(NewDataDir(), extraConfig)
    {
    }

    private SqliteJournalSpec(string dataDir, Func<string, string>? extraConfig) : base(Load(dataDir, extraConfig?.Invoke(dataDir) ?? ""))
    {
        DataDir = dataDir;
    }

    protected string DataDir { get; }

    /// <summary>The engine's configuration for a SQLite file under <paramref name="dataDir"/>, as a host would load it.</summary>
    public static Config Load(string dataDir, string extraConfig = "") => KmsConfiguration.Load(
        $$"""
        kms.data-dir = "{{dataDir}}"
        akka.loglevel = WARNING
        akka.actor.serializers.throwing = "KmsActors.Kms.Tests.Persistence.Sqlite.ThrowingSerializer, KmsActors.Kms.Tests"
        akka.actor.serialization-bindings {
          "KmsActors.Kms.Tests.Persistence.Sqlite.Unserializable, KmsActors.Kms.Tests" = throwing
        }
        {{extraConfig}}
        """,
        environment: new Hashtable());

    public static string NewDataDir() => Path.Combine(Path.GetTempPath(), "kms-journal-test-" + Guid.NewGuid().ToString("N"));

    protected IActorRef Journal(string? pluginId = null) => Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(pluginId);

    protected static IPersistentRepresentation Event(string persistenceId, long sequenceNr, object payload) =>
        new Persistent(payload, sequenceNr, persistenceId, "", false, ActorRefs.NoSender, WriterGuid);

    protected static AtomicWrite Atomic(params IPersistentRepresentation[] events) => new(events.ToImmutableList());

    protected void Write(IActorRef journal, params AtomicWrite[] writes) => Write(journal, TestActor, writes);

    protected static void Write(IActorRef journal, IActorRef replyTo, params AtomicWrite[] writes) =>
        journal.Tell(new WriteMessages(writes, replyTo, actorInstanceId: 1));

    /// <summary>Replays and returns (sequence number, payload) in the order received, and the highest sequence number reported.</summary>
    protected async Task<(List<(long SequenceNr, object Payload)> Events, long Highest)> Replay(IActorRef journal, string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var probe = CreateTestProbe();
        journal.Tell(new ReplayMessages(from, to, max, persistenceId, probe.Ref));
        var events = new List<(long, object)>();
        while (true)
        {
            var message = await probe.ExpectMsgAsync<object>(TimeSpan.FromSeconds(10));
            switch (message)
            {
                case ReplayedMessage replayed:
                    events.Add((replayed.Persistent.SequenceNr, replayed.Persistent.Payload));
                    break;
                case RecoverySuccess success:
                    return (events, success.HighestSequenceNr);
                default:
                    throw new InvalidOperationException($"Unexpected replay answer {message}.");
            }
        }
    }

    /// <summary>Receives the journal's answers to one WriteMessages, per event, after the batch-level answer.</summary>
    protected async Task<(object Batch, List<object> PerEvent)> WriteAnswers(int events)
    {
        var batch = await ExpectMsgAsync<object>(TimeSpan.FromSeconds(10));
        var perEvent = new List<object>();
        for (var i = 0; i < events; i++)
            perEvent.Add(await ExpectMsgAsync<object>(TimeSpan.FromSeconds(10)));
        return (batch, perEvent);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}
