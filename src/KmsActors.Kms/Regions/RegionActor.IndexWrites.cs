using Akka.Actor;
using Akka.Persistence;
using KmsActors.Kms.Keys;

namespace KmsActors.Kms.Regions;

// Writing the index. Key entries (KeyIndexed, KeyUnindexed) are applied at once and written with PersistAsync: the
// region keeps routing while they are on their way, and every entry that arrives during one journal round trip
// goes out in the next write, so on the SQLite journal thousands of creates share a group commit instead of
// queuing one fsync each behind the region. Whatever tells a caller about the index waits until what it shows is
// durable (DeferAsync: the CreateKey answer, ListKeys, ListAliases). Aliases are rare and their checks
// ("already exists") must see the previous change: they apply when durable, and every message waits meanwhile
// (PersistAsync and the region's own stash, see RegionActor.Holding).
public sealed partial class RegionActor
{
    /// <summary>Key entries applied to the index whose write has not completed yet.</summary>
    private int _unconfirmed;
    /// <summary>Events since the last snapshot (replayed ones included).</summary>
    private long _sinceSnapshot;

    private void IndexKey(object entry)
    {
        _index.Apply(entry);
        _unconfirmed++;
        PersistAsync(entry, _ =>
        {
            _unconfirmed--;
            AfterWrite();
        });
    }

    private void PersistAndApply<TEvent>(TEvent @event, IActorRef replyTo, Action<TEvent> then) where TEvent : class
    {
        var waiting = WaitForWrite(replyTo);
        _aliasWrite = (@event, waiting);
        _pipeline.WriteStarted();
        PersistAsync(@event, persisted =>
        {
            _awaitingWrite.Remove(waiting);
            _aliasWrite = null;
            _pipeline.WriteEnded();
            try
            {
                _index.Apply(persisted);
                then(persisted);
                AfterWrite();
            }
            finally
            {
                ReleaseHeld();
            }
        });
    }

    /// <summary>A new key is persisted by its actor: index it, and answer its creator once the entry is durable, so a
    /// key a caller was told about is listed by ListKeys after a crash too.</summary>
    private void OnNewKeyPersisted(NewKeyPersisted created)
    {
        // The key's own type, not only the entry its CreateKey left here: this incarnation may not be the one that
        // received the CreateKey (cluster mode: the region's shard moved meanwhile).
        _pending[created.Status.KeyId] = new PendingKey(created.KeySpec, created.KeyUsage);
        OnKeyStatusChanged(created.Status);
        AnswerWhenDurable(created, created.ReplyTo, durable =>
        {
            Context.System.EventStream.Publish(durable.Audit);
            durable.ReplyTo.Tell(durable.Reply);
        });
    }

    /// <summary>
    /// A snapshot holds the whole index, so taking one every kms.snapshot-every events writes a quadratic amount as
    /// the index grows (a million keys: ten thousand snapshots of up to 100 MB). Instead the gap grows with the index
    /// (at least half its keys): each key is written to about three snapshots in all, and recovery replays at most
    /// that many events after the snapshot. Taken only when every applied entry is durable, so a snapshot never holds
    /// an entry its sequence number does not cover; under a steady stream of creates that can wait for a pause.
    /// </summary>
    private void AfterWrite()
    {
        _sinceSnapshot++;
        if (_settings.SnapshotEvery <= 0 || _unconfirmed > 0 || _sinceSnapshot < Math.Max(_settings.SnapshotEvery, _index.Keys.Count / 2))
            return;
        SaveSnapshot(_index.ToSnapshot());
        _sinceSnapshot = 0;
    }

    /// <summary>Only the newest snapshot is ever loaded: drop the older ones (at a million keys each is ~100 MB).</summary>
    private void OnSnapshotSaved(SaveSnapshotSuccess saved)
    {
        if (saved.Metadata.SequenceNr > 1)
            DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
    }

    private void OnSnapshotOffer(SnapshotOffer offer)
    {
        _index.Apply(offer.Snapshot);
        _sinceSnapshot = 0;
    }

    private void Replay(object @event)
    {
        _index.Apply(@event);
        _sinceSnapshot++;
    }
}
