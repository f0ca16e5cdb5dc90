using System.Reflection;
using Akka.Actor;
using Akka.Persistence;

namespace KmsActors.Kms.Persistence;

/// <summary>
/// Read access to the stash Akka.Persistence keeps for commands that arrive while a persist is in flight. It hands
/// them back one at a time, each after the previous one went through its command pipeline, so an actor that answers
/// some commands itself (skipping that pipeline) may do so only while this stash is empty: else the commands still in
/// it would wait for a message that never comes. Akka exposes no accessor, so this reads Eventsourced's private field
/// (Akka.Persistence 1.5.74); where the field does not exist, <see cref="Of"/> answers null and callers take the
/// pipeline for everything, as if there were no direct path.
/// </summary>
internal static class InternalStash
{
    private static readonly FieldInfo? Field =
        typeof(Eventsourced).GetField("_internalStash", BindingFlags.Instance | BindingFlags.NonPublic) is { } field
        && field.FieldType == typeof(IStash) ? field : null;

    /// <summary>The actor's internal stash, or null when this version of Akka.Persistence keeps it elsewhere.</summary>
    public static IStash? Of(Eventsourced actor) => Field?.GetValue(actor) as IStash;
}
