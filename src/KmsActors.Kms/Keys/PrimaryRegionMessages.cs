using System.Collections.Immutable;
using Akka.Actor;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Keys;

// UpdatePrimaryRegion between the keys of a multi-Region set (docs/multi-region-keys.md), carried by ToRelatedKey:
//   old primary --PromoteReplica--> replica in PrimaryRegion --ReplicaPromoted / PromotionRefused--> old primary
//   old primary --FollowNewPrimary--> every other replica

/// <summary>The messages of UpdatePrimaryRegion between related keys.</summary>
public interface IPrimaryRegionMessage;

/// <summary>Old primary → the replica in PrimaryRegion: become the primary of <paramref name="OldPrimary"/>'s set, if the
/// caller of <paramref name="Command"/> may (kms:UpdatePrimaryRegion on the replica too) and the replica is Enabled.</summary>
public sealed record PromoteReplica(KmsCommand Command, KmsKey OldPrimary, IActorRef ReplyTo) : IPrimaryRegionMessage;

/// <summary>New primary → old primary: persisted; the old primary becomes its replica and answers the caller.</summary>
public sealed record ReplicaPromoted(KmsCommand Command, string NewPrimaryArn) : IPrimaryRegionMessage;

/// <summary>The replica refused (or is gone): nothing changed; the old primary answers the caller with <paramref name="Error"/>.</summary>
public sealed record PromotionRefused(KmsCommand Command, KmsException Error) : IPrimaryRegionMessage;

/// <summary>Old primary → the set's other replicas: their primary and replica list after the move.</summary>
public sealed record FollowNewPrimary(string PrimaryArn, ImmutableList<string> ReplicaArns) : IPrimaryRegionMessage;
