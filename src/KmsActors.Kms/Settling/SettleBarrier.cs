using Akka.Actor;

namespace KmsActors.Kms.Settling;

/// <summary>
/// Collects <see cref="Settled"/> from a set of actors for an engine or region actor, then tells its owner
/// <see cref="Completed"/>; the owner replies <see cref="Settled"/> to the requester from its own mailbox, so
/// whatever the children told the owner before settling is handled first. An actor that stops counts as settled.
/// </summary>
internal sealed class SettleBarrier : ReceiveActor
{
    public sealed record Completed(IActorRef Requester);

    private readonly HashSet<IActorRef> _waiting = [];
    private int _unwatched;

    /// <param name="settle">Actors to send <see cref="Settle"/> to (and watch).</param>
    /// <param name="watchOnly">Actors that are stopping: settled once they terminated.</param>
    /// <param name="unwatched">Settles the owner queued itself (for actors not yet restarted): any further Settled counts.</param>
    public SettleBarrier(IActorRef owner, IActorRef requester, IReadOnlyCollection<IActorRef> settle, IReadOnlyCollection<IActorRef> watchOnly, int unwatched)
    {
        _unwatched = unwatched;
        foreach (var actor in settle)
        {
            _waiting.Add(Context.Watch(actor));
            actor.Tell(Settle.Instance);
        }
        foreach (var actor in watchOnly)
            _waiting.Add(Context.Watch(actor));

        Receive<Settled>(_ =>
        {
            if (!_waiting.Remove(Sender) && _unwatched > 0)
                _unwatched--;
            CompleteIfDone(owner, requester);
        });
        Receive<Terminated>(t =>
        {
            _waiting.Remove(t.ActorRef);
            CompleteIfDone(owner, requester);
        });
        CompleteIfDone(owner, requester);
    }

    public static Props Props(IActorRef owner, IActorRef requester, IReadOnlyCollection<IActorRef> settle, IReadOnlyCollection<IActorRef> watchOnly, int unwatched) =>
        Akka.Actor.Props.Create(() => new SettleBarrier(owner, requester, settle, watchOnly, unwatched));

    private void CompleteIfDone(IActorRef owner, IActorRef requester)
    {
        if (_waiting.Count > 0 || _unwatched > 0)
            return;
        owner.Tell(new Completed(requester));
        Context.Stop(Self);
    }
}
