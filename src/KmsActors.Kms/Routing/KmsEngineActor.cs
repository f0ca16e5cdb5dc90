using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Event;
using KmsActors.Kms.Model;
using KmsActors.Kms.Regions;
using KmsActors.Kms.Protocol;
using KmsActors.Kms.Settling;

namespace KmsActors.Kms.Routing;

/// <summary>
/// The top actor ("kms"): one RegionActor child per (account, region), created on demand; routes API calls to it
/// by the caller's account and the call's region, carries multi-Region replication between regions
/// (<see cref="ReplicateTo"/>), and settles all regions.
/// </summary>
public sealed partial class KmsEngineActor : ReceiveActor
{
    public const string Name = "kms";

    private readonly Func<string, string, string, Props>? _keyActorProps;
    /// <summary>Cluster mode: (accountId, region) → Props of the node's stand-in for the region entity (Cluster.RegionEntry).</summary>
    private readonly Func<string, string, Props>? _regionProps;
    private readonly Dictionary<(string Account, string Region), IActorRef> _regions = [];
    /// <summary>Where the engine façade finds started regions, to send calls to them directly (set by KmsEngine.Start).</summary>
    private RegionDirectory? _directory;

    /// <param name="keyActorProps">(accountId, region, keyId) → Props of a key actor; null: the engine's KeyActor.</param>
    public KmsEngineActor(Func<string, string, string, Props>? keyActorProps = null, Func<string, string, Props>? regionProps = null)
    {
        _keyActorProps = keyActorProps;
        _regionProps = regionProps;
        Receive<RegionDirectory>(directory =>
        {
            _directory = directory;
            foreach (var ((account, region), actor) in _regions)
                directory.Publish(account, region, actor);
        });
        Receive<KmsCommand>(command =>
        {
            if (!RegionPattern().IsMatch(command.Region))
            {
                // AWS RegionType: 1–32 chars, ^([a-z]+-){2,3}\d+$
                Sender.Tell(new Status.Failure(KmsException.Validation($"'{command.Region}' is not a valid AWS Region name (e.g. us-east-1).")));
                return;
            }
            var account = KeyOwner.AccountOf(command); // the caller's, or the key owner's for a cross-account call
            var region = RegionOf(account, command.Region);
            region.Forward(command);
            // Published after forwarding: a call sent directly once the façade sees the region is queued behind this one.
            _directory?.Publish(account, command.Region, region);
        });
        Receive<ReplicateTo>(replicate => RegionOf(replicate.Message.Primary.AccountId, replicate.Region).Forward(replicate.Message));
        Receive<ToRelatedKey>(related =>
        {
            if (KmsArn.TryParse(related.KeyArn, out var arn))
                RegionOf(arn.AccountId, arn.Region).Forward(related);
        });
        Receive<ReEncryptToAccount>(reEncrypt => RegionOf(reEncrypt.AccountId, reEncrypt.Region).Forward(reEncrypt.Message));
        Receive<Settle>(_ =>
        {
            if (_regions.Count == 0)
                Sender.Tell(Settled.Instance);
            else
                Context.ActorOf(SettleBarrier.Props(Self, Sender, _regions.Values.ToList(), [], 0));
        });
        Receive<SettleBarrier.Completed>(done => done.Requester.Tell(Settled.Instance));
        Receive<Terminated>(terminated =>
        {
            foreach (var entry in _regions.Where(entry => entry.Value.Equals(terminated.ActorRef)).ToList())
            {
                _regions.Remove(entry.Key);
                _directory?.Remove(entry.Key.Account, entry.Key.Region, entry.Value);
                RestartFor(entry.Key);
            }
        });
        // Calls that reached a region, or its keys, as it stopped (KmsEngineActor.Redelivery).
        Receive<RegionStopping>(OnRegionStopping);
        Receive<DeadLetter>(OnDeadLetter);
    }

    public static Props Props(Func<string, string, string, Props>? keyActorProps = null) =>
        Akka.Actor.Props.Create(() => new KmsEngineActor(keyActorProps, null));

    /// <summary>Cluster mode: regions are entities elsewhere, reached through <paramref name="regionProps"/> (docs/cluster.md).</summary>
    internal static Props Props(Func<string, string, Props> regionProps) =>
        Akka.Actor.Props.Create(() => new KmsEngineActor(null, regionProps));

    private IActorRef RegionOf(string accountId, string region)
    {
        if (_regions.TryGetValue((accountId, region), out var existing))
            return existing;
        var factory = _keyActorProps;
        var props = _regionProps?.Invoke(accountId, region)
            ?? RegionActor.Props(accountId, region, factory is null ? null : keyId => factory(accountId, region, keyId));
        var actor = Context.Watch(Context.ActorOf(props, $"{Uri.EscapeDataString(accountId)}-{region}"));
        _regions[(accountId, region)] = actor;
        return actor;
    }

    [GeneratedRegex(@"^([a-z]+-){2,3}\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
