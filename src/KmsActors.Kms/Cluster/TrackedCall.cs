using Akka.Actor;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Cluster;

/// <summary>
/// The sender of one call that enters on this node (RegionEntry): takes the call's answer from whichever node's entity
/// gives it and passes it on to the caller, as an Ask would, and keeps where the call may be (<see cref="CallRoute"/>)
/// from the receipts the region entity sends (<see cref="CallRouted"/>) and the shard homes learned from earlier
/// answers (InFlightCalls), so that <see cref="InFlightCalls"/> can fail it at once when one of those nodes becomes
/// unreachable or is downed (docs/cluster.md "When a node dies"). Registered as a temporary actor (like Ask's), so a
/// remote node can answer it; unregistered at its first outcome.
/// </summary>
internal sealed class TrackedCall : MinimalActorRef
{
    private readonly InFlightCalls _calls;
    private readonly IActorRefProvider _provider;
    private readonly IActorRef _replyTo;
    private readonly CallRoute _route = new();
    private readonly Lock _gate = new();
    private int _done;

    public TrackedCall(InFlightCalls calls, IActorRefProvider provider, IActorRef replyTo, string regionEntityId)
    {
        RegionEntityId = regionEntityId;
        _calls = calls;
        _provider = provider;
        _replyTo = replyTo;
        Path = provider.TempPath();
        StartedAt = Environment.TickCount64;
    }

    public override ActorPath Path { get; }

    public override IActorRefProvider Provider => _provider;

    /// <summary>The region entity the call was sent to (EntityIds.Region).</summary>
    public string RegionEntityId { get; }

    /// <summary>Environment.TickCount64 when the call entered: the engine's timeout runs from here (InFlightCalls.Expire).</summary>
    public long StartedAt { get; }

    /// <summary>Registers the call where remote answers find it, at first possibly on <paramref name="regionNode"/> (null:
    /// not known) or, when <paramref name="anywhere"/>, on any node.</summary>
    public void Start(Address? regionNode, bool anywhere)
    {
        lock (_gate)
        {
            _route.Add(regionNode);
            if (anywhere)
                _route.AddAnywhere();
        }
        _provider.RegisterTempActor(this, Path);
    }

    /// <summary>True when the call may be on <paramref name="node"/>.</summary>
    public bool MayBeOn(Address node)
    {
        lock (_gate)
            return _route.MayBeOn(node);
    }

    protected override void TellInternal(object message, IActorRef sender)
    {
        if (message is CallRouted routed)
        {
            OnRouted(routed);
            return;
        }
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            Finish();
            _replyTo.Tell(message, sender);
        }
        _calls.LearnHome(sender); // a late answer still tells where its entity runs
    }

    /// <summary>Answers the caller with a retryable KMSInternalException (in every operation's error list, HTTP 500)
    /// unless the call was answered already.</summary>
    public void Fail(string message) => Fail(KmsException.Internal(message));

    public void Fail(Exception error)
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
            return;
        Finish();
        _replyTo.Tell(new Status.Failure(error), ActorRefs.NoSender);
    }

    private void OnRouted(CallRouted routed)
    {
        var regionNode = Address.TryParse(routed.RegionNode, out var parsed) ? parsed : null;
        var keyNode = _calls.KeyHome(routed.KeyEntityId);
        if (regionNode is not null)
            _calls.LearnRegionHome(RegionEntityId, regionNode);
        lock (_gate)
        {
            _route.Add(regionNode);
            _route.Add(keyNode);
        }
        FailIfOnUnreachable();
    }

    /// <summary>Sent towards a node already unreachable: failed now rather than lost there (or held until it is downed, up
    /// to stable-after later: docs/cluster.md).</summary>
    public bool FailIfOnUnreachable()
    {
        Address? gone;
        lock (_gate)
            gone = _route.FirstOf(_calls.IsUnreachable);
        if (gone is null)
            return false;
        Fail(InFlightCalls.UnreachableMessage);
        return true;
    }

    private void Finish()
    {
        _provider.UnregisterTempActor(Path);
        _calls.Remove(this);
    }
}
