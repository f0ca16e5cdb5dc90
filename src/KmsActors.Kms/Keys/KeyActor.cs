using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;
using KmsActors.Kms.Services;
using KmsActors.Kms.Settling;

namespace KmsActors.Kms.Keys;

/// <summary>
/// One KMS key: hosts <see cref="KeyRules"/> over its journal (persistence id "key-" + key ARN), owns the key's crypto
/// objects, arms timers for material expiry and the deletion date, and answers every <see cref="KmsCommand"/> with the
/// response record or <c>Status.Failure(KmsException)</c>. "Now" is always <c>Context.System.Scheduler.Now</c>.
/// A refused request is decided before anything is persisted, so the key stays exactly as it was.
/// </summary>
public sealed partial class KeyActor : UntypedPersistentActor, IWithTimers
{
    private readonly string _keyId;
    private readonly string _accountId;
    private readonly string _region;
    private readonly string _arn;
    private readonly KmsServices _services;
    /// <summary>The audit resources of a call on this key alone, built once (read-only: records share it).</summary>
    private readonly IReadOnlyList<AuditResource>? _ownResources;
    private readonly PerMaterial<IKeyMaterial> _crypto = new();
    private KmsKey? _key;
    private bool _deleted;
    /// <summary>The status last told to the region.</summary>
    private KeyStatusChanged? _reported;
    /// <summary>Set while a persisted call's reply runs whose status change the region is persisting.</summary>
    private bool _replyAfterIndexing;
    /// <summary>The key's aliases as the region last told them (kms:ResourceAliases).</summary>
    private IReadOnlyList<string> _aliases = [];

    public KeyActor(string keyId, string accountId, string region) : this(keyId, accountId, region, null)
    {
    }

    /// <param name="cluster">Cluster mode: the node whose region shard this key's region entity is reached through
    /// (the key is then a sharded entity, its parent a shard: docs/cluster.md); null: the parent is the region.</param>
    public KeyActor(string keyId, string accountId, string region, Cluster.KmsClusterNode? cluster)
    {
        _cluster = cluster;
        _keyId = keyId;
        _accountId = accountId;
        _region = region;
        _arn = Regions.KmsArn.Key(accountId, region, keyId);
        _services = KmsServices.Get(Context.System);
        _pipeline = new Persistence.PipelineGate(_services.Settings.MaxHeldCallsPerKey);
        PersistenceId = "key-" + _arn;
        _ownResources = Regions.KmsArn.AccountOf(_arn) is { } arnAccount ? Array.AsReadOnly([new AuditResource(arnAccount, _arn)]) : null;
    }

    /// <summary>A key whose ID is its actor's name (see <see cref="Props(string, string)"/>).</summary>
    public KeyActor(string accountId, string region) : this(Context.Self.Path.Name, accountId, region)
    {
    }

    // OnRecover / OnCommand dispatch with a switch rather than ReceivePersistentActor's Recover<T> / Command<T>: those
    // build a delegate and a matcher per handler in every instance, and a region runs key actors by the hundred
    // thousand (100,000 live keys measured 847 -> 652 MB of managed heap with this and the shared default policy).
    protected override void OnRecover(object message)
    {
        switch (message)
        {
            // Material stays sealed while replaying: it is opened once, at the end, off this thread (KeyActor.Vault.cs).
            case SnapshotOffer offer: _key = offer.Snapshot is KmsKey snapshot ? StillSealed(snapshot) : _key; break;
            case IKeyEvent e: ApplyEvent(StillSealed(e)); break;
            case RecoveryCompleted: OpenRecovered(); break;
        }
    }

    protected override void OnCommand(object message)
    {
        if (OnVaultAnswered(message) || HeldBehindWrite(message))
            return;
        switch (message)
        {
            case KmsCommand command: OnKmsCommand(command); break;
            case InitializeKey initialize: OnInitializeKey(initialize); break;
            case InitializeReplica initialize: OnInitializeReplica(initialize); break;
            case ReEncryptDestination destination: OnReEncryptDestination(destination); break;
            case ReplicaCreated created: OnReplicaCreated(created); break;
            case ReplicaCreationFailed failed: OnReplicaCreationFailed(failed); break;
            case PrimaryMaterialsChanged changed: OnPrimaryMaterialsChanged(changed); break;
            case ReplicaHoldsMaterial holds: OnReplicaHoldsMaterial(holds); break;
            case IPrimaryRegionMessage primaryRegion: OnPrimaryRegionMessage(primaryRegion); break;
            case WakeUp or DueTimer: OnDue(); break;
            case KeyAliases aliases: _aliases = aliases.Names; break;
            case ImportParametersReady ready: OnImportParametersReady(ready); break;
            case AuthorizeAliasKey authorize: OnAuthorizeAliasKey(authorize); break;
            case Settle: Sender.Tell(Settled.Instance); break;
            case StopPassivated: OnStopPassivated(); break;
            case ReplicationWaitOver: Context.Stop(Self); break;
            case SaveSnapshotSuccess: break;
            case SaveSnapshotFailure failure: Context.GetLogger().Warning(failure.Cause, "Key {0}: snapshot failed", _arn); break;
            default: Unhandled(message); break;
        }
    }

    /// <summary>The Props of the key <paramref name="keyId"/>, whatever the actor's name.</summary>
    public static Props Props(string keyId, string accountId, string region) =>
        Akka.Actor.Props.Create(() => new KeyActor(keyId, accountId, region));

    /// <summary>The Props of the key entity <paramref name="keyId"/> in cluster mode (Cluster.KmsClusterNode).</summary>
    internal static Props Props(string keyId, string accountId, string region, Cluster.KmsClusterNode cluster) =>
        Akka.Actor.Props.Create(() => new KeyActor(keyId, accountId, region, cluster));

    /// <summary>The Props a RegionActor starts all its keys with, each actor named by its key ID: one Props per region
    /// rather than one per key (~150 B per live key, and an expression tree built and read at every start).</summary>
    public static Props Props(string accountId, string region) =>
        Akka.Actor.Props.Create(() => new KeyActor(accountId, region));

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    private DateTimeOffset Now => EngineClock.Now(Context.System.Scheduler);

    private bool IsChina => AwsPartition.IsChina(_region);

    private KeyContext NewContext() => new()
    {
        Now = Now,
        AccountId = _accountId,
        Region = _region,
        AllowLegacyPkcs1 = _services.Settings.AllowLegacyPkcs1,
        ReplicaCreationDelay = _services.Settings.ReplicaCreationDelay,
    };

    private void OnRecovered()
    {
        if (_deleted)
        {
            Report(new KeyStatusChanged(_keyId, _key?.State ?? KeyState.PendingDeletion, null, Deleted: true));
            Context.Stop(Self);
            return;
        }
        if (_key is null)
            return; // a new key: waits for InitializeKey / InitializeReplica
        TellStatus();
        ReportRetirableGrants();
        OnDue(); // a ValidTo or DeletionDate that passed while the engine was down acts now
    }

    /// <summary>Applies one event (recovery or persist, material opened) and drops crypto objects and data keys of materials that are gone.</summary>
    private void ApplyEvent(IKeyEvent e)
    {
        var before = _key;
        _key = KeyRules.Apply(_key, e);
        if (e is KeyDeleted)
            _deleted = true;
        if (e is KeyMaterialImported or KeyMaterialDeleted or KeyRotated or KeyDeleted)
            ShredUnused(before);
        if (e is KeyMaterialDeleted or KeyDeleted)
        {
            foreach (var id in _crypto.Ids().Where(id => _deleted || _key.Materials.All(m => m.KeyMaterialId != id || !m.IsPresent)))
            {
                _crypto[id].Dispose();
                _crypto.Remove(id);
            }
        }
    }

    /// <summary>Persists the decided events (material sealed), then runs <paramref name="then"/> once all are applied. No events: runs it now.</summary>
    /// <param name="onFailure">Tells the caller when the write fails (see <see cref="OnPersistFailure"/>).</param>
    private void PersistDecision(KeyDecision decision, Action then, Action<KmsException>? onFailure = null)
    {
        if (decision.Events.IsEmpty)
        {
            then();
            return;
        }
        var sealedEvents = decision.Events.Select(ForJournal).ToList(); // data keys made and being stored
        // Persisted only once its data keys are stored (at once unless the store writes them on its own).
        AfterVault(TakeVaultWork(), () => PersistSealed(decision, sealedEvents, then, onFailure), error => DataKeysNotStored(error, onFailure));
    }

    private void PersistSealed(KeyDecision decision, List<IKeyEvent> sealedEvents, Action then, Action<KmsException>? onFailure)
    {
        var remaining = decision.Events.Count;
        var persisted = 0;
        var before = _key;
        _failPersist = onFailure;
        // PersistAllAsync and the key's own stash rather than PersistAll (see Persistence.PipelineGate): every message
        // that arrives meanwhile waits in HeldBehindWrite until the handler below has run.
        _inFlight = sealedEvents;
        _pipeline.WriteStarted();
        PersistAllAsync(sealedEvents, e =>
        {
            var last = --remaining == 0;
            var decided = decision.Events[persisted++]; // the journal answers a write's events in order
            if (last)
            {
                _failPersist = null;
                _inFlight = null;
                _pipeline.WriteEnded();
            }
            try
            {
                OnPersisted(WithPlainMaterial(e, decided), last, before, decision, then);
            }
            finally
            {
                if (last)
                    _pipeline.Release(Stash); // unless the reply started another write or a vault wait: then after that
            }
        });
    }

    /// <summary>The events of the write in flight (at most one: commands wait behind it), to tell its rejection.</summary>
    private IReadOnlyList<IKeyEvent>? _inFlight;

    private void OnPersisted(IKeyEvent e, bool last, KmsKey? before, KeyDecision decision, Action then)
    {
        ApplyEvent(e);
        if (!_deleted && _services.Settings.SnapshotEvery > 0 && LastSequenceNr % _services.Settings.SnapshotEvery == 0)
            SaveSnapshotOfState();
        if (!last)
            return;
        // The caller hears of the write once the data keys it shredded are gone (and those a snapshot needs are stored).
        AfterVault(TakeVaultWork(), () => OnDecisionPersisted(decision, before, then), error =>
        {
            Context.GetLogger().Error(error, "Key {0}: could not shred a material data key", _arn); // the event stands; replaying it shreds again
            OnDecisionPersisted(decision, before, then);
        });
    }

    private void OnDecisionPersisted(KeyDecision decision, KmsKey? before, Action then)
    {
        if (_deleted)
        {
            then();
            return;
        }
        // A call that changed what the region indexes (a new key, its state, its due date) is answered only once
        // the region has persisted that: else a crash right after the answer could leave an acknowledged key out of
        // ListKeys, or a passivated key unwoken at its deletion date.
        _replyAfterIndexing = TellStatus();
        // Related multi-Region keys hear of the change before the caller does (docs/multi-region-keys.md).
        AfterPersisted(before, decision.Events);
        // The timers before the answer: a caller (a test on virtual time) that moves the clock as soon as it is answered
        // must find the key's due date already scheduled, or the timer starts from the moved clock and fires late.
        ArmTimers();
        try
        {
            then();
        }
        finally
        {
            _replyAfterIndexing = false;
        }
    }

    /// <summary>Reports the key's status to the region; true when it differs from the last report (or is the first).</summary>
    private bool TellStatus()
    {
        var status = CurrentStatus();
        var changed = status != _reported;
        _reported = status;
        Report(status);
        return changed;
    }

    private KeyStatusChanged CurrentStatus() => new(_keyId, _key!.State, KeyRules.NextDueDate(_key), Deleted: false);

    private void Reply(KmsCommand command, IActorRef replyTo, object response, params string[] resources)
    {
        // The record before the answer: a caller that goes on to its next call finds this one's record published first.
        Context.System.EventStream.Publish(AuditOf(command, response, resources));
        if (_replyAfterIndexing)
            ToRegion(new ReplyWhenIndexed(replyTo, response));
        else
            replyTo.Tell(response);
    }

    private AuditRecord AuditOf(KmsCommand command, object response, string[] resources) => AuditOf(command, response, null, resources, Now);

    /// <summary>The call's audit record; no resources named: this key alone (its resources list is built once).
    /// <paramref name="keyMaterialId"/>: the material an Encrypt used (its response does not name it).</summary>
    private AuditRecord AuditOf(KmsCommand command, object? response, KmsException? error, string[] resources, DateTimeOffset eventTime, string? keyMaterialId = null) =>
        AuditRecord.ForApiCallOn(command, response, error, eventTime,
            resources.Length == 0 && _ownResources is { } own ? own : AuditRecord.ResourcesOf(resources.Length == 0 ? [_arn] : resources, command.Caller.AccountId),
            keyMaterialId);

    private void Fail(KmsCommand command, IActorRef replyTo, KmsException error, params string[] resources)
    {
        Context.System.EventStream.Publish(AuditOf(command, null, error, resources, Now));
        replyTo.Tell(new Status.Failure(error));
    }

    private void PublishServiceEvent(string eventName, string? keyMaterialId, DateTimeOffset eventTime) =>
        Context.System.EventStream.Publish(AuditRecord.ForServiceEvent(eventName, _accountId, _region, _arn, keyMaterialId, eventTime));

    /// <summary>RotateKey (docs/audit.md): KMS records each completed rotation as a service event after the call that asked for it.</summary>
    private void PublishRotations(KeyDecision decision, string? previousKeyMaterialId)
    {
        foreach (var rotated in decision.Events.OfType<KeyRotated>())
        {
            Context.System.EventStream.Publish(AuditRecord.ForRotateKey(_accountId, _region, _arn, rotated.RotationType.ToString(),
                _key!.Origin.ToString(), previousKeyMaterialId, rotated.NewKeyMaterialId, rotated.At));
            previousKeyMaterialId = rotated.NewKeyMaterialId;
        }
    }

    protected override void PostStop()
    {
        foreach (var material in _crypto.Values)
            material.Dispose();
        _crypto.Clear();
        foreach (var dataKey in _dataKeys.Values)
            if (dataKey is not null)
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(dataKey.Key);
        _dataKeys.Clear();
        base.PostStop();
    }
}
