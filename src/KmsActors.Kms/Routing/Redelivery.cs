using System.Runtime.CompilerServices;
using Akka.Actor;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;
using KmsActors.Kms.Services;
using KmsActors.Kms.Settling;

namespace KmsActors.Kms.Routing;

/// <summary>
/// What a stopped actor's dead letters mean (KmsEngineActor.Redelivery for regions, RegionActor.Redelivery for keys):
/// which messages are handed again to the actor started anew from its journal (each stands for an accepted call or for
/// work a call waits on, and is safe to handle again after recovery).
/// </summary>
internal static class Redelivery
{
    /// <summary>Messages a key handles again once restarted.</summary>
    public static bool ToKey(object message) => message is KmsCommand or ReEncryptDestination or WakeUp or Settle or ReplicaCreated
        or ReplicaCreationFailed or InitializeReplica or AuthorizeAliasKey or IPrimaryRegionMessage or PrimaryMaterialsChanged
        or ReplicaHoldsMaterial;

    /// <summary>Messages a region handles again once restarted: calls, what the engine routes to it, a key's reports. A new
    /// key's report (NewKeyPersisted) carries the key's type, so the region started anew indexes it and answers its
    /// creator, as it answers a ReplyWhenIndexed once what it shows is durable.</summary>
    public static bool ToRegion(object message) => message is KmsCommand or InitializeReplica or ToRelatedKey or ReEncryptDestination
        or KeyStatusChanged or NewKeyPersisted or ReplyWhenIndexed;

    /// <summary>How often each dead letter came back: one that keeps coming back (an actor that cannot even recover) is
    /// given up after <see cref="Max"/> redeliveries.</summary>
    public sealed class Attempts
    {
        public const int Max = 3;
        private readonly ConditionalWeakTable<object, StrongBox<int>> _counts = new();

        /// <summary>Counts one more return of <paramref name="message"/>; true once it came back more than <see cref="Max"/> times.</summary>
        public bool Exhausted(object message) => ++_counts.GetOrCreateValue(message).Value > Max;
    }

    /// <summary>A message that came back too often: a call is answered KMSInternalException (and audited), as is the caller
    /// a key's report was to answer.</summary>
    public static void GiveUp(ActorSystem system, object message, IActorRef sender, string what)
    {
        var error = KmsException.Internal($"The request was rejected because an internal exception occurred: {what} could not be started. The request can be retried.");
        // A report that carried a caller's answer (a new key's, or one the region was to give once its index was durable):
        // that caller is answered now rather than after the engine's timeout.
        var waiting = message switch
        {
            NewKeyPersisted created => created.ReplyTo,
            ReplyWhenIndexed reply => reply.ReplyTo,
            _ => null,
        };
        if (waiting is not null)
        {
            waiting.Tell(new Status.Failure(error));
            return;
        }
        if (message is not KmsCommand command)
            return;
        system.EventStream.Publish(AuditRecord.ForApiCall(command, null, error, EngineClock.Now(system.Scheduler), []));
        sender.Tell(new Status.Failure(error));
    }
}
