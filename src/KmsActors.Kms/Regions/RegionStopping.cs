using Akka.Actor;

namespace KmsActors.Kms.Regions;

/// <summary>
/// Region → engine actor, single-process: the region's write failed and Akka is stopping it, its key actors with it.
/// The calls those keys had not handled yet come back as dead letters addressed to the keys; the engine hands them to
/// the region started anew (KmsEngineActor.Redelivery), and so are <see cref="Held"/>, the calls the region itself buffered
/// for keys that were stopping (LiveKey.Buffer), after them. Sent before the stop, so the engine has it before those dead
/// letters.
/// </summary>
internal sealed record RegionStopping(IActorRef Region, IReadOnlyList<(object Message, IActorRef Sender)> Held);
