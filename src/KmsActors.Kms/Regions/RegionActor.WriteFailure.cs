using Akka.Actor;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Regions;

// A region write that fails (the journal's transaction failed: disk full, I/O error). Akka stops a persistent actor
// whose write failed, and answers deferred behind that write (DeferAsync, Persist handlers) never run: without this,
// their callers waited until their call timed out. They hear KMSInternalException, as a key's caller does when the
// key's own write fails (KeyActor.PersistFailure); the engine starts the region again from its journal on the next call.
public sealed partial class RegionActor
{
    /// <summary>Callers whose answer waits for a region write in flight, by registration.</summary>
    private readonly HashSet<AwaitingWrite> _awaitingWrite = new(ReferenceEqualityComparer.Instance);

    private sealed class AwaitingWrite(IActorRef replyTo)
    {
        public IActorRef ReplyTo { get; } = replyTo;
    }

    /// <summary>Runs <paramref name="answer"/> once every write issued before is durable (DeferAsync); if a write fails
    /// first, <paramref name="replyTo"/> is told KMSInternalException instead.</summary>
    private void AnswerWhenDurable<T>(T message, IActorRef replyTo, Action<T> answer) where T : class
    {
        var waiting = WaitForWrite(replyTo);
        DeferAsync(message, durable =>
        {
            _awaitingWrite.Remove(waiting);
            answer(durable);
        });
    }

    private AwaitingWrite WaitForWrite(IActorRef replyTo)
    {
        var waiting = new AwaitingWrite(replyTo);
        _awaitingWrite.Add(waiting);
        return waiting;
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        var error = new Status.Failure(KmsException.WriteFailed());
        foreach (var waiting in _awaitingWrite)
            waiting.ReplyTo.Tell(error);
        _awaitingWrite.Clear();
        // Single-process: the engine redelivers what this region's keys leave unhandled (RegionStopping). In cluster mode
        // keys are entities of their own and outlive the region entity.
        if (_cluster is null)
            Context.Parent.Tell(new RegionStopping(Self, [.. _live.Values.SelectMany(key => key.Buffer ?? []).Where(held => Routing.Redelivery.ToRegion(held.Message))]));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}
