using System.Runtime.CompilerServices;
using Akka.Actor;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;
using KmsActors.Kms.Routing;
using KmsActors.Kms.Services;
using KmsActors.Kms.Settling;

namespace KmsActors.Kms.Engine;

/// <summary>
/// The in-process façade users and tests hold: sends AWS request records to the engine actor and returns the
/// response records, throwing <see cref="KmsException"/> for AWS errors. One per ActorSystem (<see cref="Start(ActorSystem)"/>).
/// Operations without output (CreateAlias, EnableKey, …) answer Akka's <c>Done</c>.
/// </summary>
public sealed partial class KmsEngine
{
    /// <summary>How long a call may take before the Ask gives up.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly ConditionalWeakTable<ActorSystem, KmsEngine> Engines = new();
    private static readonly Lock Gate = new();

    private readonly TimeSpan _timeout;
    private readonly IActorRefProvider _provider;
    private readonly ReplyTimeouts _timeouts;
    private readonly RegionDirectory _regions;
    private readonly Realism.RealismGate _realism;
    private readonly IdSource _ids;

    private KmsEngine(ActorSystem system, IActorRef actor, TimeSpan timeout, RegionDirectory regions)
    {
        System = system;
        Actor = actor;
        _timeout = timeout;
        _regions = regions;
        _provider = ((ExtendedActorSystem)system).Provider;
        _timeouts = new ReplyTimeouts(timeout);
        system.RegisterOnTermination(_timeouts.StopWhenIdle);
        (_realism, _ids) = (Realism.RealismGate.Get(system), IdSource.Get(system));
        var settings = KmsSettings.From(system);
        DefaultCaller = CallerIdentity.Root(settings.AccountId);
        DefaultRegion = settings.DefaultRegion;
    }

    public ActorSystem System { get; }

    /// <summary>The engine actor (/user/kms): accepts KmsCommand, ReplicateTo and Settle.</summary>
    public IActorRef Actor { get; }

    /// <summary>The root of kms.account-id.</summary>
    public CallerIdentity DefaultCaller { get; }

    /// <summary>kms.default-region.</summary>
    public string DefaultRegion { get; }

    /// <summary>Starts the engine actor on <paramref name="system"/>, or returns the one already started.</summary>
    public static KmsEngine Start(ActorSystem system) => Start(system, null);

    /// <summary>As <see cref="Start(ActorSystem)"/>, with the key actors' Props given as (accountId, region, keyId) → Props
    /// (tests use a fake key actor). Only the first start of a system decides.</summary>
    public static KmsEngine Start(ActorSystem system, Func<string, string, string, Props>? keyActorProps, TimeSpan? timeout = null)
    {
        // Also for a host whose akka.extensions replaced the reference list: the scheduler runs before any key does.
        SchedulerStart.Ensure(system);
        lock (Gate)
        {
            if (Engines.TryGetValue(system, out var running))
                return running;
            var regions = new RegionDirectory();
            // kms.cluster.enabled (docs/cluster.md): regions and keys become sharded entities; off, nothing of it runs.
            var cluster = Kms.Cluster.KmsClusterNode.CreateIfEnabled(system);
            var engineTimeout = timeout ?? DefaultTimeout;
            var actor = system.ActorOf(cluster is null
                ? KmsEngineActor.Props(keyActorProps)
                : KmsEngineActor.Props((account, region) => Kms.Cluster.RegionEntry.Props(cluster, account, region)), KmsEngineActor.Name);
            cluster?.StartSharding(actor, engineTimeout);
            actor.Tell(regions); // before any call: the engine actor shares the regions it starts
            var engine = new KmsEngine(system, actor, engineTimeout, regions);
            Engines.Add(system, engine);
            return engine;
        }
    }

    /// <summary>Sends one AWS request record (e.g. <c>EncryptRequest</c>) and returns its response record.</summary>
    /// <exception cref="KmsException">The AWS error of the call.</exception>
    public Task<TResponse> Send<TResponse>(object request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Send<TResponse>(new KmsCommand(request, caller ?? DefaultCaller, region ?? DefaultRegion, _ids.NewRequestGuid()), ct);
    }

    /// <summary>As <see cref="Send{TResponse}(object, CallerIdentity?, string?, CancellationToken)"/>, with the caller's
    /// own request ID (the server's <c>x-amzn-RequestId</c>, which the audit record repeats). Every caller enters here:
    /// the server, <c>IKmsClient</c> and the TestKit get the same realism, validation, access control and audit.</summary>
    /// <exception cref="KmsException">The AWS error of the call.</exception>
    /// <exception cref="AskTimeoutException">The engine did not answer within the engine's timeout.</exception>
    public Task<TResponse> Send<TResponse>(object request, CallerIdentity caller, string region, string requestId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Send<TResponse>(new KmsCommand(request, caller, region, requestId), ct);
    }

    // While nobody listens to the KmsActors source (KmsTracing) a call costs tracing one field read: no span, no
    // wrapper task, no call into the traced path, which stays out of line.
    private Task<TResponse> Send<TResponse>(KmsCommand command, CancellationToken ct) =>
        KmsTracing.Source.HasListeners() ? SendTraced<TResponse>(command, ct) : Enter<TResponse>(command, ct);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Task<TResponse> SendTraced<TResponse>(KmsCommand command, CancellationToken ct)
    {
        // Null when the listeners' sampler drops the call's span.
        var activity = KmsTracing.StartCall(command);
        if (activity is null)
            return Enter<TResponse>(command, ct);
        Task<TResponse> reply;
        try
        {
            reply = Enter<TResponse>(command, ct);
        }
        catch (Exception error)
        {
            KmsTracing.End(activity, error);
            throw;
        }
        return KmsTracing.Traced(reply, activity);
    }

    /// <summary>Through the realism gate when a realism switch is on, else straight to the answering actor.</summary>
    private Task<TResponse> Enter<TResponse>(KmsCommand command, CancellationToken ct) =>
        _realism.Active ? SendRealistic<TResponse>(command, ct) : Dispatch<TResponse>(command, ct);

    /// <summary>The call as it is: the caller's task completes when the answering actor replies (no async frame here).</summary>
    private Task<TResponse> Dispatch<TResponse>(KmsCommand command, CancellationToken ct)
    {
        // Straight to the region actor once the engine actor has started it (one hop less per call); until then, and
        // for a region name the engine actor has not accepted, through the engine actor, which validates and routes.
        var target = _regions.Find(KeyOwner.AccountOf(command), command.Region) ?? Actor;
        var (sender, reply) = PendingReply<TResponse>.Start(_provider, _timeouts, command.Request, ct);
        target.Tell(command, sender);
        return reply;
    }

    /// <summary>With AWS realism on: quotas, latency and eventual consistency before the call, and what a successful
    /// answer tells the realism layer (a key's spec and creation time) after it.</summary>
    private async Task<TResponse> SendRealistic<TResponse>(KmsCommand command, CancellationToken ct)
    {
        await _realism.Admit(command, ct).ConfigureAwait(false);
        var response = await Dispatch<TResponse>(command, ct).ConfigureAwait(false);
        _realism.Observe(response);
        return response;
    }

    /// <summary>Waits until everything sent to the engine before has been handled (see <see cref="Settle"/>).</summary>
    public Task Settle(CancellationToken ct = default) => Actor.Ask<Settled>(Settling.Settle.Instance, _timeout, ct);

    /// <summary>Waits until the wrapping-key pool holds its configured number of pairs (kms.import.pool), so
    /// GetParametersForImport calls that follow do not wait for RSA key generation.</summary>
    public Task WarmPool(CancellationToken ct = default) => KmsServices.Get(System).WrappingKeys.WarmAsync(ct);

    /// <summary>Waits until the wrapping-key pool holds its configured number of pairs again, after calls drained it
    /// (a load test's set-up importing many keys, say), so the calls that follow neither wait for RSA key generation
    /// nor share the CPU with the refill.</summary>
    public Task RefillPool(CancellationToken ct = default) => KmsServices.Get(System).WrappingKeys.FullAsync(ct);
}
