using Akka.Actor;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Regions;

// Messages the region holds, each hold bounded (hocon/reference.conf): calls behind an alias operation that asks its
// keys or writes (kms.max-held-calls-per-region, in the region's own stash: Persistence.PipelineGate), and calls for a
// key whose actor is stopping (kms.max-held-calls-per-key, LiveKey.Buffer). A call beyond the bound is refused with
// ThrottlingException, changes nothing and is audited like every refusal (docs/limits.md); the engine's own messages
// are always kept, each standing for a call already accepted.
public sealed partial class RegionActor
{
    /// <summary>The alias write in flight (at most one: everything waits behind it), to tell its rejection.</summary>
    private (object Event, AwaitingWrite Waiting)? _aliasWrite;

    private void Hold(object message)
    {
        if (message is KmsCommand command && _pipeline.IsFull(Stash))
            Fail(command, Sender, KmsException.Throttled(), []);
        else
            Stash.Stash();
    }

    /// <summary>Hands the held messages back, in their order, once no alias operation asks its keys or writes.</summary>
    private void ReleaseHeld()
    {
        if (_aliasKeysAsked.Count == 0)
            _pipeline.Release(Stash);
    }

    /// <summary>A call for a key: refused when the key is stopping and already holds kms.max-held-calls-per-key calls.</summary>
    private void DeliverCall(string keyId, KmsCommand command, IActorRef replyTo)
    {
        if (_live.TryGetValue(keyId, out var key) && key.Stopping && key.Held >= _settings.MaxHeldCallsPerKey)
            throw KmsException.Throttled();
        Deliver(keyId, command, replyTo);
    }

    /// <summary>A rejected alias write (the journal refused the event) stored nothing and runs no handler: its caller hears
    /// KMSInternalException and the messages held behind it go on. A rejected key entry (PersistAsync) needs nothing here.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        if (_aliasWrite is not { } write || !ReferenceEquals(write.Event, @event))
            return;
        _aliasWrite = null;
        _awaitingWrite.Remove(write.Waiting);
        write.Waiting.ReplyTo.Tell(new Status.Failure(KmsException.WriteFailed()));
        _pipeline.WriteEnded();
        ReleaseHeld();
    }
}
