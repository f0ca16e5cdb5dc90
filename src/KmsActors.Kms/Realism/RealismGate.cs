using Akka.Actor;
using Akka.Event;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Realism;

/// <summary>
/// The engine's front door for kms.realism: <see cref="Engine.KmsEngine"/> asks it before sending a call (quota,
/// eventual consistency, injected fault, then latency) and shows it the answer (to learn new keys). Every caller — the
/// server, IKmsClient, the TestKit — enters through KmsEngine.Send, so every caller meets the same gate. When every
/// switch is off, <see cref="Active"/> is false and the engine skips it entirely.
/// </summary>
public sealed class RealismGate : IExtension
{
    private readonly IScheduler _scheduler;
    private readonly KnownKeys _keys = new();
    private readonly RequestQuotas? _quotas;
    private readonly EventualConsistency? _consistency;
    private readonly InjectedLatency? _latency;
    private readonly InjectedFaults? _faults;
    private readonly EventStream? _audit;

    public RealismGate(ExtendedActorSystem system) : this(system.Scheduler, RealismSettings.From(system.Settings.Config), system.EventStream)
    {
    }

    /// <param name="audit">Where a faulted call's audit record is published (the system's EventStream); null: nowhere.</param>
    public RealismGate(IScheduler scheduler, RealismSettings settings, EventStream? audit = null)
    {
        _scheduler = scheduler;
        _audit = audit;
        Settings = settings;
        Active = settings.AnyEnabled;
        _quotas = settings.QuotasEnabled ? new RequestQuotas(settings, _keys) : null;
        _consistency = settings.EventualConsistencyEnabled ? new EventualConsistency(settings.EventualConsistencyWindow, _keys) : null;
        _latency = settings.LatencyEnabled ? new InjectedLatency(scheduler, settings) : null;
        _faults = settings.FaultsEnabled ? new InjectedFaults(settings) : null;
    }

    public RealismSettings Settings { get; }

    /// <summary>False when kms.realism is all off: the engine does not call the gate.</summary>
    public bool Active { get; }

    public static RealismGate Get(ActorSystem system) => system.WithExtension<RealismGate, RealismGateProvider>();

    /// <summary>Lets the call through, after its injected latency, or throws its AWS error (ThrottlingException,
    /// NotFoundException, or an injected KMSInternalException / DependencyTimeoutException). Quota, consistency and
    /// fault are decided at once, in the order callers send, so a seeded simulation gets the same answers every run.</summary>
    public Task Admit(KmsCommand command, CancellationToken ct)
    {
        var now = _scheduler.Now;
        _quotas?.Charge(command, now);
        _consistency?.Check(command, now);
        var fault = _faults?.Draw(command);
        var delay = _latency?.Delay(command.Operation, ct) ?? Task.CompletedTask;
        return fault is null ? delay : FailAfter(delay, command, fault);
    }

    /// <summary>A faulted call fails after the same round trip as any other, and is audited with its errorCode
    /// (docs/audit.md) although no actor saw it: the engine never changed anything for it.</summary>
    private async Task FailAfter(Task delay, KmsCommand command, KmsException fault)
    {
        await delay.ConfigureAwait(false);
        _audit?.Publish(AuditRecord.ForApiCall(command, null, fault, _scheduler.Now, ResourceArnsOf(command)));
        throw fault;
    }

    /// <summary>The key a faulted call named, as its resource: a key ARN as given, a key ID as the caller's key in the
    /// call's Region; none for an alias or a call that names no key (the gate resolves nothing).</summary>
    private static IReadOnlyList<string> ResourceArnsOf(KmsCommand command)
    {
        if (!RequestKeyId.TryRead(command.Request, out var keyId) || string.IsNullOrEmpty(keyId) || keyId.StartsWith("alias/", StringComparison.Ordinal))
            return [];
        if (keyId.StartsWith("arn:", StringComparison.Ordinal))
            return keyId.Contains(":key/", StringComparison.Ordinal) ? [keyId] : [];
        return [Regions.KmsArn.Key(command.Caller.AccountId, command.Region, keyId)];
    }

    /// <summary>Learns from an answer: a created key's spec and creation time, a described key's spec.</summary>
    public void Observe(object? reply)
    {
        switch (reply)
        {
            case CreateKeyResponse created:
                _keys.Observe(created.KeyMetadata, created: true, _scheduler.Now);
                break;
            case DescribeKeyResponse described:
                _keys.Observe(described.KeyMetadata, created: false, _scheduler.Now);
                break;
        }
    }
}
