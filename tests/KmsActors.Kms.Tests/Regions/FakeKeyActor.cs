using System.Collections.Concurrent;
using Akka.Actor;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Regions;
using KmsActors.Kms.Protocol;
using KmsActors.Kms.Settling;

namespace KmsActors.Kms.Tests.Regions;

/// <summary>What a fake key remembers across passivation (its "journal").</summary>
/// <param name="VanishesOnAlias">Created with Description "vanish": the key stops with an alias operation's question
/// still in its mailbox (so it comes back as a dead letter), as a key deleted at that moment would.</param>
public sealed record FakeKeyState(KeyState State, DateTimeOffset? NextDueDate, bool Deleted, KeySpec Spec, bool VanishesOnAlias = false);

/// <summary>Answer of the fake key actor to any forwarded call: which key handled which operation.</summary>
public sealed record FakeHandled(string KeyId, string Operation, object Request);

public sealed record FakeStarted(string KeyId);
public sealed record FakeStopped(string KeyId);
public sealed record FakeWoke(string KeyId, DateTimeOffset At);

/// <summary>
/// Stand-in for the real KeyActor (branch keys) in region tests, following its protocol: InitializeKey → NewKeyPersisted
/// carrying the CreateKeyResponse (the region answers) + KeyStatusChanged (Description "refuse" → failure + KeyCreationFailed + stop; "due=N" → a due
/// date N days ahead); KeyStatusChanged after "recovery"; ScheduleKeyDeletion → PendingDeletion due in
/// PendingWindowInDays; WakeUp at the due date of a PendingDeletion key → Deleted; AuthorizeAliasKey → allowed; any other call → FakeHandled.
/// </summary>
public sealed class FakeKeyActor : ReceiveActor
{
    private readonly string _keyId;
    private readonly ConcurrentDictionary<string, FakeKeyState> _store;
    private readonly IActorRef _probe;

    public FakeKeyActor(string keyId, string accountId, string region, ConcurrentDictionary<string, FakeKeyState> store, IActorRef probe)
    {
        _keyId = keyId;
        _store = store;
        _probe = probe;
        var arn = KmsArn.Key(accountId, region, keyId);

        Receive<InitializeKey>(init =>
        {
            var request = (CreateKeyRequest)init.Command.Request;
            if (request.Description == "refuse")
            {
                Sender.Tell(new Status.Failure(KmsException.Validation("refused by the fake key")));
                Context.Parent.Tell(new KeyCreationFailed(keyId));
                Context.Stop(Self);
                return;
            }
            var due = request.Description?.StartsWith("due=", StringComparison.Ordinal) == true
                ? Context.System.Scheduler.Now.AddDays(int.Parse(request.Description[4..]))
                : (DateTimeOffset?)null;
            var state = request.Origin == OriginType.EXTERNAL ? KeyState.PendingImport : KeyState.Enabled;
            var response = new CreateKeyResponse { KeyMetadata = new KeyMetadata { KeyId = keyId, Arn = arn, KeyState = state, MultiRegion = request.MultiRegion ?? false } };
            var status = new KeyStatusChanged(keyId, state, due, false);
            Context.Parent.Tell(new NewKeyPersisted(status, request.KeySpec ?? KeySpec.SYMMETRIC_DEFAULT, request.KeyUsage ?? KeyUsageType.ENCRYPT_DECRYPT, Sender, response, AuditRecord.ForApiCall(init.Command, response, null, Context.System.Scheduler.Now, [arn])));
            Save(new FakeKeyState(state, due, false, request.KeySpec ?? KeySpec.SYMMETRIC_DEFAULT, request.Description == "vanish"));
        });
        Receive<InitializeReplica>(init =>
        {
            var created = new ReplicaCreated(new KeyMetadata { KeyId = keyId, Arn = arn, KeyState = KeyState.PendingImport }, init.Command);
            Context.Parent.Tell(new NewKeyPersisted(new KeyStatusChanged(keyId, KeyState.PendingImport, null, false), init.Primary.KeySpec, init.Primary.KeyUsage, init.ReplyTo, created,
                AuditRecord.ForApiCall(init.Command, created, null, Context.System.Scheduler.Now, [arn])));
            Save(new FakeKeyState(KeyState.PendingImport, null, false, init.Primary.KeySpec));
        });
        Receive<KmsCommand>(command =>
        {
            if (command.Request is ScheduleKeyDeletionRequest schedule)
            {
                var current = _store[keyId];
                Save(current with { State = KeyState.PendingDeletion, NextDueDate = Context.System.Scheduler.Now.AddDays(schedule.PendingWindowInDays ?? 30) });
            }
            Sender.Tell(new FakeHandled(keyId, command.Operation, command.Request));
        });
        // The key side of an alias operation: a fake key allows it, as the default key policy allows the account.
        Receive<AuthorizeAliasKey>(authorize =>
        {
            if (_store.TryGetValue(keyId, out var state) && state.VanishesOnAlias)
            {
                Self.Tell(authorize, Sender); // left in the mailbox of a stopping actor: a dead letter
                Context.Stop(Self);
                return;
            }
            Context.Parent.Tell(new AliasKeyDecision(authorize.Command, authorize.ReplyTo, null));
        });
        Receive<WakeUp>(wake =>
        {
            var now = Context.System.Scheduler.Now;
            _probe.Tell(new FakeWoke(wake.KeyId, now));
            var current = _store[keyId];
            if (current.State == KeyState.PendingDeletion && current.NextDueDate <= now)
                Save(current with { Deleted = true, NextDueDate = null });
            else if (current.NextDueDate <= now)
                Save(current with { NextDueDate = null });
        });
        Receive<Settle>(_ => Sender.Tell(Settled.Instance));
        Receive<StopPassivated>(_ => Context.Stop(Self));
    }

    public static Props Props(string keyId, string accountId, string region, ConcurrentDictionary<string, FakeKeyState> store, IActorRef probe) =>
        Akka.Actor.Props.Create(() => new FakeKeyActor(keyId, accountId, region, store, probe));

    protected override void PreStart()
    {
        _probe.Tell(new FakeStarted(_keyId));
        // Like the real key actor after recovery: report what the journal says.
        if (_store.TryGetValue(_keyId, out var recovered))
            Context.Parent.Tell(new KeyStatusChanged(_keyId, recovered.State, recovered.NextDueDate, recovered.Deleted));
    }

    protected override void PostStop() => _probe.Tell(new FakeStopped(_keyId));

    private void Save(FakeKeyState state)
    {
        _store[_keyId] = state;
        Context.Parent.Tell(new KeyStatusChanged(_keyId, state.State, state.NextDueDate, state.Deleted));
    }
}
