using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Keys;

// Messages between a RegionActor (parent) and its KeyActors (children). A key actor's name is its key ID.
// API calls themselves travel as KmsCommand: the region resolves the key (ID, ARN, alias) and forwards the
// command unchanged, so the key actor replies straight to the original caller. Creation is the exception: a new
// key's answer goes back through the region (NewKeyPersisted), which sends it once the key is in its durable index.

/// <summary>Region → new key actor: create the key with this ID from a CreateKeyRequest (the command's Request).
/// The actor validates it through the key rules; on refusal it replies the error, tells the parent
/// <see cref="KeyCreationFailed"/> and stops without persisting; once persisted it tells the parent
/// <see cref="NewKeyPersisted"/> with the CreateKeyResponse.</summary>
public sealed record InitializeKey(KmsCommand Command, string KeyId);

/// <summary>Engine → region → new key actor: create a multi-Region replica of <paramref name="Primary"/> in this
/// region. The new actor replies <see cref="ReplicaCreated"/> or <see cref="ReplicaCreationFailed"/> to <paramref name="ReplyTo"/> (the primary's key actor).</summary>
public sealed record InitializeReplica(KmsCommand Command, KmsKey Primary, Akka.Actor.IActorRef ReplyTo);

public sealed record ReplicaCreated(KeyMetadata ReplicaMetadata, KmsCommand Command);

public sealed record ReplicaCreationFailed(KmsException Error, KmsCommand Command);

/// <summary>Key actor → parent: creation was refused; the actor stops.</summary>
public sealed record KeyCreationFailed(string KeyId);

/// <summary>Key actor → parent after recovery and after every persisted event: what the region indexes.
/// <paramref name="NextDueDate"/> is the earliest material ValidTo or DeletionDate the key must act on
/// (null: none), so the region can wake a passivated key on time. <paramref name="Deleted"/>: the key is gone
/// (end of its deletion waiting period); the region drops it from ListKeys and its aliases.</summary>
public sealed record KeyStatusChanged(string KeyId, KeyState State, DateTimeOffset? NextDueDate, bool Deleted);

/// <summary>Key actor → parent, right after a <see cref="KeyStatusChanged"/>: the reply to a call that changed the key's
/// status. The region tells it only once every index write it has issued so far is durable (DeferAsync), then tells
/// <paramref name="Response"/> to <paramref name="ReplyTo"/>: an acknowledged call is in the index too.</summary>
public sealed record ReplyWhenIndexed(Akka.Actor.IActorRef ReplyTo, object Response);

/// <summary>Key actor → parent once a new key (CreateKey) or replica (ReplicateKey) is persisted: the region indexes
/// <paramref name="Status"/>, and only once that index entry is durable tells <paramref name="Reply"/> to
/// <paramref name="ReplyTo"/> and publishes <paramref name="Audit"/> — a key its creator was told about is in
/// ListKeys, after a crash too. A <see cref="KeyStatusChanged"/> with the same status follows, as after any event.
/// It carries the key's spec and usage for the index entry: in cluster mode the region entity that received the CreateKey
/// may have handed off before the key reported, and the one that takes this never saw the CreateKey (docs/cluster.md).</summary>
public sealed record NewKeyPersisted(KeyStatusChanged Status, Model.KeySpec KeySpec, Model.KeyUsageType KeyUsage, Akka.Actor.IActorRef ReplyTo, object Reply, Audit.AuditRecord Audit);

/// <summary>Region → key actor: a due date it indexed has come; act on it (expire material, delete the key).
/// Also sent to wake a passivated key.</summary>
public sealed record WakeUp(string KeyId);

/// <summary>Parent → key actor: the region passivates the key (idle for kms.passivate-after, or least recently used beyond
/// kms.max-live-keys) and buffers its messages until it has stopped; stop now. An ordinary command, not a
/// PoisonPill: a persistent actor stashes it while a persist is in flight, so the persist's handler (its reply, its
/// audit record, a DeleteKey service event) always runs before the actor stops.</summary>
public sealed record StopPassivated
{
    public static readonly StopPassivated Instance = new();
}

/// <summary>Region → key actor: the key's aliases (names with "alias/"), for the kms:ResourceAliases condition key. Sent
/// before anything else to a key actor the region starts when the key has aliases, and whenever they change.</summary>
public sealed record KeyAliases(IReadOnlyList<string> Names);

/// <summary>Region → key actor: an alias operation also needs <paramref name="Action"/> on this key (its key policy
/// decides, docs/access-control.md). The key answers the region with <see cref="AliasKeyDecision"/>.</summary>
public sealed record AuthorizeAliasKey(KmsCommand Command, string Action, Akka.Actor.IActorRef ReplyTo);

/// <summary>Key actor → region: the key allows the alias operation of <paramref name="Command"/> (<paramref name="Refusal"/>
/// null), or refuses it; the region answers the caller.</summary>
public sealed record AliasKeyDecision(KmsCommand Command, Akka.Actor.IActorRef ReplyTo, KmsException? Refusal);
