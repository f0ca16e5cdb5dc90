using Akka.Actor;
using Akka.Persistence;
using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Tests.Persistence;

/// <summary>A persistent actor as the key actors are: persists one event per command, snapshots on request.</summary>
public sealed class JournalTestActor : ReceivePersistentActor
{
    [PersistedAs("JournalTestRecorded")]
    public sealed record Recorded(string Text) : IKmsPersistentMessage;

    [PersistedAs("JournalTestSnapshot")]
    public sealed record State(string[] Texts) : IKmsPersistentMessage;

    public sealed record Record(string Text);

    public sealed record GetTexts;

    public sealed record TakeSnapshot;

    private readonly List<string> _texts = [];
    private IActorRef _snapshotRequester = ActorRefs.Nobody;

    public JournalTestActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<Recorded>(e => _texts.Add(e.Text));
        Recover<SnapshotOffer>(offer => _texts.AddRange(((State)offer.Snapshot).Texts));
        Command<Record>(c => Persist(new Recorded(c.Text), e =>
        {
            _texts.Add(e.Text);
            Sender.Tell(LastSequenceNr);
        }));
        Command<GetTexts>(_ => Sender.Tell(string.Join(",", _texts)));
        Command<TakeSnapshot>(_ =>
        {
            _snapshotRequester = Sender;
            SaveSnapshot(new State([.. _texts]));
        });
        Command<SaveSnapshotSuccess>(s => _snapshotRequester.Tell(s.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(f => _snapshotRequester.Tell(new Status.Failure(f.Cause)));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new JournalTestActor(persistenceId));
}
