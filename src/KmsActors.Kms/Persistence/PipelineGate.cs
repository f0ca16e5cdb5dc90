using System.Reflection;
using Akka.Actor;
using Akka.Persistence;

namespace KmsActors.Kms.Persistence;

/// <summary>
/// Tells a persistent actor when a command may skip Akka.Persistence's command pipeline: once it has recovered, while
/// none of its Persist/PersistAll calls is in flight (Akka stashes commands meanwhile) and while Akka's internal stash
/// is empty. Akka hands stashed commands back one at a time, each after the previous one went through the pipeline,
/// so a command answered beside the pipeline while the stash holds others would leave them waiting for a message that
/// never comes. Akka exposes no accessor for that stash, so this reads Eventsourced's private field (Akka.Persistence
/// 1.5.74); where the field does not exist the gate stays shut and every command takes the pipeline.
/// </summary>
internal sealed class PipelineGate
{
    private static readonly FieldInfo? StashField =
        typeof(Eventsourced).GetField("_internalStash", BindingFlags.Instance | BindingFlags.NonPublic) is { } field
        && field.FieldType == typeof(IStash) ? field : null;

    private IStash? _stash;
    private int _persisting;

    /// <summary>Before each Persist/PersistAll (not PersistAsync, which stashes nothing).</summary>
    public void PersistStarted() => _persisting++;

    /// <summary>In the handler of the last event of that call.</summary>
    public void PersistEnded() => _persisting--;

    /// <summary>A rejected write runs no handler: the persist is over all the same.</summary>
    public void PersistRejected() => _persisting = 0;

    public bool IsOpen(Eventsourced actor) =>
        _persisting == 0 && actor.IsRecoveryFinished && (_stash ??= StashField?.GetValue(actor) as IStash) is { IsEmpty: true };
}
