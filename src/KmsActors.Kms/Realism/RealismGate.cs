using Akka.Actor;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Realism;

/// <summary>
/// The engine's front door for kms.realism: <see cref="KmsEngine"/> asks it before sending a call (quota,
/// eventual consistency, then latency) and shows it the answer (to learn new keys). When every switch is off,
/// <see cref="Active"/> is false and the engine skips it entirely.
/// </summary>
public sealed class RealismGate : IExtension
{
    private readonly IScheduler _scheduler;
    private readonly KnownKeys _keys = new();
    private readonly RequestQuotas? _quotas;
    private readonly EventualConsistency? _consistency;
    private readonly InjectedLatency? _latency;

    public RealismGate(ExtendedActorSystem system) : this(system.Scheduler, RealismSettings.From(system.Settings.Config))
    {
    }

    public RealismGate(IScheduler scheduler, RealismSettings settings)
    {
        _scheduler = scheduler;
        Settings = settings;
        Active = settings.AnyEnabled;
        _quotas = settings.QuotasEnabled ? new RequestQuotas(settings, _keys) : null;
        _consistency = settings.EventualConsistencyEnabled ? new EventualConsistency(settings.EventualConsistencyWindow, _keys) : null;
        _latency = settings.LatencyEnabled ? new InjectedLatency(scheduler, settings) : null;
    }

    public RealismSettings Settings { get; }

    /// <summary>False when kms.realism is all off: the engine does not call the gate.</summary>
    public bool Active { get; }

    public static RealismGate Get(ActorSystem system) => system.WithExtension<RealismGate, RealismGateProvider>();

    /// <summary>Lets the call through, after its injected latency, or throws its AWS error (ThrottlingException,
    /// NotFoundException). Quota and consistency are decided at once, in the order callers send, so a seeded
    /// simulation gets the same answers every run.</summary>
    public Task Admit(KmsCommand command, CancellationToken ct)
    {
        var now = _scheduler.Now;
        _quotas?.Charge(command, now);
        _consistency?.Check(command, now);
        return _latency?.Delay(command.Operation, ct) ?? Task.CompletedTask;
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
