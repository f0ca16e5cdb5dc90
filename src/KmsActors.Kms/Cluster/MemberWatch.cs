using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace KmsActors.Kms.Cluster;

/// <summary>
/// One per node: hands the cluster's reachability and removal events to this node's <see cref="InFlightCalls"/>, which
/// fails the calls that may be on a lost member (docs/cluster.md "When a node dies"), and frees calls past the engine's
/// timeout once a second. Also hands it the dead letters: what remoting drops on its way to a lost node (InFlightCalls.Dropped). A member that is Exiting (a graceful leave: its shards were handed over) fails nothing; nor
/// does one removed after leaving. Started by KmsClusterNode.StartSharding.
/// </summary>
internal sealed class MemberWatch : ReceiveActor, IWithTimers
{
    private readonly InFlightCalls _calls;
    private readonly bool _failOnLoss;

    private sealed class Sweep
    {
        public static readonly Sweep Instance = new();
    }

    public MemberWatch(InFlightCalls calls, bool failOnLoss)
    {
        _calls = calls;
        _failOnLoss = failOnLoss;
        var log = Context.GetLogger();
        Receive<ClusterEvent.UnreachableMember>(unreachable =>
        {
            if (!_failOnLoss || unreachable.Member.Status == MemberStatus.Exiting)
                return;
            var failed = _calls.Unreachable(unreachable.Member.Address);
            log.Warning("Member {0} is unreachable: {1} call(s) that may be on it failed as retryable", unreachable.Member.Address, failed);
        });
        Receive<ClusterEvent.ReachableMember>(reachable => _calls.Reachable(reachable.Member.Address));
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            var downed = _failOnLoss && removed.PreviousStatus == MemberStatus.Down;
            var failed = _calls.Removed(removed.Member.Address, downed);
            if (downed)
                log.Warning("Member {0} was downed and removed: {1} call(s) that may be on it failed as retryable", removed.Member.Address, failed);
        });
        Receive<AllDeadLetters>(letter =>
        {
            if (_failOnLoss)
                _calls.Dropped(letter.Message, letter.Sender, letter.Recipient);
        });
        Receive<Sweep>(_ => _calls.Expire());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(InFlightCalls calls, bool failOnLoss) =>
        Akka.Actor.Props.Create(() => new MemberWatch(calls, failOnLoss));

    protected override void PreStart()
    {
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.MemberRemoved));
        Context.System.EventStream.Subscribe(Self, typeof(AllDeadLetters));
        Timers.StartPeriodicTimer("sweep", Sweep.Instance, TimeSpan.FromSeconds(1));
    }

    protected override void PostStop()
    {
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        Context.System.EventStream.Unsubscribe(Self);
    }
}
