using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using KmsActors.Kms.Protocol;
using KmsActors.Kms.Services;
using KmsActors.Kms.Settling;

namespace KmsActors.Kms.Regions;

/// <summary>
/// One per (account, region): parent and supervisor of the region's key actors. Routes every API call to its key
/// (by key ID, key ARN, alias name or alias ARN), answers the region-wide operations itself (CreateKey's spawning,
/// aliases, ListKeys, GenerateRandom), keeps the key index and aliases durably, passivates idle key actors and
/// wakes them for the due dates it indexes. Split by concern: Resolution, Children, IdleKeys, LiveKeyLimit, IndexWrites,
/// DueDates, Aliases, Listing.
/// </summary>
public sealed partial class RegionActor : ReceivePersistentActor, IWithTimers
{
    private readonly string _accountId;
    private readonly string _region;
    private readonly Func<string, Props> _keyActorProps;
    private readonly Func<byte[], string?>? _keyIdOfCiphertext;
    private readonly KmsSettings _settings;
    private readonly RegionIndex _index = new();

    public RegionActor(string accountId, string region, Func<string, Props>? keyActorProps = null, Func<byte[], string?>? keyIdOfCiphertext = null)
    {
        _accountId = accountId;
        _region = region;
        var keyProps = KeyActor.Props(accountId, region); // the key ID is the actor's name
        _keyActorProps = keyActorProps ?? (_ => keyProps);
        _keyIdOfCiphertext = keyIdOfCiphertext ?? (blob => Crypto.CiphertextBlob.TryDecode(blob, out var parsed) ? parsed!.KeyId : null);
        _settings = KmsSettings.From(Context.System);
        _cluster = Cluster.KmsClusterNode.Of(Context.System);
        _pipeline = new Persistence.PipelineGate(_settings.MaxHeldCallsPerRegion);
        _recency = _settings.MaxLiveKeys > 0 ? new LiveKeyRecency() : null;
        PersistenceId = $"region-{accountId}-{region}";

        Recover<SnapshotOffer>(OnSnapshotOffer);
        Recover<KeyIndexed>(Replay);
        Recover<KeyUnindexed>(Replay);
        Recover<AliasSet>(Replay);
        Recover<AliasRemoved>(Replay);
        Recover<RetirableGrantIndexed>(Replay);
        Recover<RetirableGrantUnindexed>(Replay);
        Recover<RecoveryCompleted>(_ =>
        {
            RearmDueTimer();
            StartIdleSweeps();
        });

        // While an alias write is in flight every message waits, as Akka's Persist would have held it (RegionActor.Holding).
        Command<object>(Hold, _ => _pipeline.Writing);
        Command<KmsCommand>(command =>
        {
            // Calls behind an alias operation that waits for its keys' decision wait too: mailbox order is call order.
            if (_aliasKeysAsked.Count > 0)
                Hold(command);
            else
                Handle(command);
        });
        Command<KeyStatusChanged>(OnKeyStatusChanged);
        Command<NewKeyPersisted>(OnNewKeyPersisted);
        Command<KeyCreationFailed>(failed => _pending.Remove(failed.KeyId));
        Command<RetirableGrantsChanged>(OnRetirableGrantsChanged);
        Command<AliasKeyDecision>(OnAliasKeyDecision);
        // Sent right after a KeyStatusChanged, whose index entry is on its way to the journal: answered once it is durable.
        Command<ReplyWhenIndexed>(reply => AnswerWhenDurable(reply, reply.ReplyTo, durable => durable.ReplyTo.Tell(durable.Response)));
        Command<DeadLetter>(OnDeadLetter);
        Command<Terminated>(OnTerminated);
        Command<InitializeReplica>(OnInitializeReplica);
        // A primary key actor may send its replication request through its parent: the engine routes it.
        Command<ReplicateTo>(message => Engine.Forward(message));
        Command<ToRelatedKey>(OnToRelatedKey);
        Command<ReEncryptDestination>(OnReEncryptDestination);
        Command<DueTick>(_ => OnDueTick());
        Command<IdleSweep>(_ => OnIdleSweep());
        Command<Settle>(_ => OnSettle());
        Command<SettleBarrier.Completed>(done => done.Requester.Tell(Settled.Instance));
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(failure => Context.GetLogger().Warning(failure.Cause, "Region {0}: snapshot failed", PersistenceId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => Context.GetLogger().Warning(failure.Cause, "Region {0}: deleting old snapshots failed", PersistenceId));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="keyActorProps">Props of the key actor with a given key ID; default: the engine's KeyActor.</param>
    /// <param name="keyIdOfCiphertext">Reads the key ID bound into a ciphertext blob, for Decrypt without KeyId; null when unknown.</param>
    public static Props Props(string accountId, string region, Func<string, Props>? keyActorProps = null, Func<byte[], string?>? keyIdOfCiphertext = null) =>
        Akka.Actor.Props.Create(() => new RegionActor(accountId, region, keyActorProps, keyIdOfCiphertext));

    /// <summary>A key actor that throws is restarted and recovers from its journal; one that cannot even start is stopped.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(exception => exception is ActorInitializationException ? Directive.Stop : Directive.Restart);

    private DateTimeOffset Now => EngineClock.Now(Context.System.Scheduler);

    private readonly Persistence.PipelineGate _pipeline;

    // The direct path: a call the region only routes (or answers from its index without waiting for a write) persists
    // nothing, so once the region has recovered, no alias operation is asking its keys or writing and nothing is held
    // (Persistence.PipelineGate, docs/akka-persistence.md), Akka.Persistence's command pipeline would do nothing for it
    // but cost time and an allocation per message. Such calls are handled straight from AroundReceive, in mailbox order
    // like every other message. Alias changes and ListKeys/ListAliases (DeferAsync, whose answer the pipeline releases
    // once earlier index writes are durable) take the pipeline.
    protected override bool AroundReceive(Receive receive, object message)
    {
        if (message is KmsCommand command && KmsCatalogue.FactsOf(command.Request) is not { RegionPipeline: true }
            && _aliasKeysAsked.Count == 0 && _pipeline.IsOpen(this))
        {
            Handle(command);
            return true;
        }
        return base.AroundReceive(receive, message);
    }

    private void Handle(KmsCommand command) => Handle(command, Sender);

    private void Handle(KmsCommand command, IActorRef replyTo)
    {
        try
        {
            // The check order (docs/check-order.md): the model's constraints first, then access, then the key.
            RequestValidation.Check(command.Request, _region);
            if (KmsCatalogue.FactsOf(command.Request) is { Keyless: true })
                AuthorizeKeyless(command);
            switch (command.Request)
            {
                case CreateKeyRequest request: CreateKey(command, request, replyTo); break;
                case CreateKeyWithIdRequest request: CreateKeyWithId(command, request, replyTo); break;
                case CreateAliasRequest request: CreateAlias(command, request, replyTo); break;
                case UpdateAliasRequest request: UpdateAlias(command, request, replyTo); break;
                case DeleteAliasRequest request: DeleteAlias(command, request, replyTo); break;
                case ListAliasesRequest request: ListAliases(command, request, replyTo); break;
                case ListKeysRequest request: ListKeys(command, request, replyTo); break;
                case GenerateRandomRequest request: GenerateRandom(command, request, replyTo); break;
                case ListRetirableGrantsRequest request: ListRetirableGrants(command, request, replyTo); break;
                default: DeliverCall(ResolveTarget(command), command, replyTo); break;
            }
        }
        catch (KmsException error)
        {
            Fail(command, replyTo, error, []);
        }
    }

    /// <summary>CreateKey: the region picks the key ID and starts the key actor, which validates the request and persists
    /// the key, then hands the region its answer (<see cref="NewKeyPersisted"/>): the region answers the caller once the
    /// key's index entry is durable.</summary>
    private void CreateKey(KmsCommand command, CreateKeyRequest request, IActorRef replyTo)
    {
        // AWS: multi-Region key IDs are "mrk-" and 32 hex digits; single-Region key IDs are UUIDs.
        var keyId = IdSource.NewKeyId(command.RequestId, request.MultiRegion == true);
        var spec = request.KeySpec
            ?? (request.CustomerMasterKeySpec is { } legacy && Enum.TryParse<KeySpec>(legacy.ToString(), out var mapped) ? mapped : KeySpec.SYMMETRIC_DEFAULT);
        _pending[keyId] = new PendingKey(spec, request.KeyUsage ?? KeyUsageType.ENCRYPT_DECRYPT);
        try
        {
            Deliver(keyId, new InitializeKey(command, keyId), replyTo);
        }
        catch (KmsException)
        {
            _pending.Remove(keyId);
            throw;
        }
    }

    private void Reply(KmsCommand command, IActorRef replyTo, object response, IReadOnlyList<string> resourceArns)
    {
        // The record before the answer: a caller that goes on to its next call finds this one's record published first.
        Context.System.EventStream.Publish(AuditRecord.ForApiCall(command, response, null, Now, resourceArns));
        replyTo.Tell(response);
    }

    private void Fail(KmsCommand command, IActorRef replyTo, KmsException error, IReadOnlyList<string> resourceArns)
    {
        Context.System.EventStream.Publish(AuditRecord.ForApiCall(command, null, error, Now, resourceArns));
        replyTo.Tell(new Status.Failure(error));
    }

    private string KeyArn(string keyId) => KmsArn.Key(_accountId, _region, keyId);

    private string AliasArn(string aliasName) => KmsArn.Alias(_accountId, _region, aliasName);

    private static object NoOutput => Keys.EmptyResponse.Instance;
}
