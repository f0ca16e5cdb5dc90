using Akka.Actor;
using Akka.Persistence;

namespace KmsActors.Kms.Persistence;

/// <summary>
/// Tells a persistent actor when a command may skip Akka.Persistence's command pipeline, and holds the commands that
/// arrive while one of its own writes is in flight (docs/akka-persistence.md, "The direct path").
/// The actor persists with PersistAsync / PersistAllAsync only, which Akka documents as stashing nothing, and holds
/// later commands itself, in its own stash (<see cref="IActorStash.Stash"/>, a public API), until the write's handler
/// has run: "a reply only after the event is persisted", and mailbox order, as Persist gave. Akka's internal stash
/// (which Persist fills, and which hands commands back one per pipeline pass) is never used after recovery, so a
/// command answered beside the pipeline strands none. The held commands go back to the front of the mailbox, in their
/// order, with <see cref="IStash.UnstashAll(Func{Envelope, bool})"/> (whose overload without a predicate, in an
/// Eventsourced actor, would move them into Akka's internal stash instead). Held calls are bounded
/// (kms.max-held-calls-per-key / kms.max-held-calls-per-region): past the bound the actor refuses the call.
/// </summary>
internal sealed class PipelineGate(int capacity)
{
    private static readonly Func<Envelope, bool> Everything = static _ => true;

    private int _writing;

    /// <summary>True while one of the actor's own writes is in flight: commands wait in its stash.</summary>
    public bool Writing => _writing > 0;

    /// <summary>Before each PersistAsync / PersistAllAsync whose handler must run before the next command.</summary>
    public void WriteStarted() => _writing++;

    /// <summary>That write is over (its handler ran, or the journal rejected it).</summary>
    public void WriteEnded() => _writing = Math.Max(0, _writing - 1);

    /// <summary>Once recovered, with no write of its own in flight and nothing held, a command may skip the pipeline.</summary>
    public bool IsOpen(Eventsourced actor) => _writing == 0 && actor.IsRecoveryFinished && actor.Stash.IsEmpty;

    /// <summary>True when the stash holds as many messages as the bound allows: a further API call is refused.</summary>
    public bool IsFull(IStash stash) => stash.Count >= capacity;

    /// <summary>Puts every held message back at the front of the mailbox, in the order they came (once no write is in flight).</summary>
    public void Release(IStash stash)
    {
        if (_writing == 0 && stash.NonEmpty)
            stash.UnstashAll(Everything);
    }
}
