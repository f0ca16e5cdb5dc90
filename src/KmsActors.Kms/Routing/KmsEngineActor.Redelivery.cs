using Akka.Actor;
using Akka.Event;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;
using KmsActors.Kms.Regions;
using KmsActors.Kms.Services;

namespace KmsActors.Kms.Routing;

// A region that stops (Akka stops it when its write fails: RegionActor.WriteFailure) leaves the calls in its mailbox and
// stash unhandled, and calls keep reaching it until its Terminated arrives: the façade sends straight to the region it
// last saw running (RegionDirectory), and this actor forwards to its child until it hears of the stop. They come back
// as dead letters; the region is started again from its journal and they are handed to it, in their order, as a region
// does for its keys (RegionActor.Redelivery). Its key actors stop with it: the calls they had not handled come back as
// dead letters addressed to them, and the region buffered calls of its own for keys that were stopping; it says so
// before it stops (RegionStopping), and those calls are handed to the region started anew too, which routes them to the
// keys started anew. Cluster mode has no such redelivery for entities (docs/cluster.md, Known gaps).
public sealed partial class KmsEngineActor
{
    private readonly Redelivery.Attempts _redeliveries = new();
    /// <summary>Dead letters of a region whose Terminated has not come yet: its name is still taken, so its successor
    /// starts once it has.</summary>
    private readonly Dictionary<(string Account, string Region), List<(object Message, IActorRef Sender)>> _heldForRestart = [];
    /// <summary>Regions that said they are stopping (<see cref="RegionStopping"/>) and whose Terminated has not come yet,
    /// with the calls they had buffered for stopping keys while those are not yet queued for the restart (null once they
    /// are, or when there were none).</summary>
    private readonly Dictionary<(string Account, string Region), List<(object Message, IActorRef Sender)>?> _stopping = [];

    protected override void PreStart()
    {
        base.PreStart();
        Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        base.PostStop();
    }

    private void OnRegionStopping(RegionStopping stopping)
    {
        if (!TryRegionOfName(stopping.Region.Path.Name, out var region) || !_regions.TryGetValue(region, out var running) || !running.Equals(stopping.Region))
            return;
        _stopping[region] = stopping.Held.Count > 0 ? [.. stopping.Held] : null;
    }

    /// <summary>Counts one more return of <paramref name="message"/>; once it came back too often it is given up (its
    /// caller answered) and true is returned.</summary>
    private bool GivenUp((string Account, string Region) region, object message, IActorRef sender)
    {
        if (!_redeliveries.Exhausted(message))
            return false;
        Redelivery.GiveUp(Context.System, message, sender, $"region {region.Account}/{region.Region}");
        return true;
    }

    /// <summary>Queues a dead letter for the region started anew, or gives it up once it came back too often.</summary>
    private void HoldForRestart((string Account, string Region) region, object message, IActorRef sender)
    {
        if (GivenUp(region, message, sender))
            return;
        if (!_heldForRestart.TryGetValue(region, out var held))
            _heldForRestart[region] = held = [];
        held.Add((message, sender));
    }

    /// <summary>Queues what a stopping region had buffered for its stopping keys. Those arrived after the calls still in
    /// the keys' mailboxes (their dead letters come while the keys stop) and before the calls still in the region's own
    /// mailbox (their dead letters come once it has stopped), so they go between the two.</summary>
    private void QueueBuffered((string Account, string Region) region)
    {
        if (!_stopping.TryGetValue(region, out var buffered) || buffered is null)
            return;
        _stopping[region] = null;
        foreach (var (message, sender) in buffered)
            HoldForRestart(region, message, sender);
    }

    private void OnDeadLetter(DeadLetter letter)
    {
        if (IsKeyOfStoppingRegion(letter.Recipient, out var ofRegion))
        {
            // A key's calls, and the work the region routes on (a ReEncrypt's destination, a replica to create); a key's
            // own messages (timers, a replica's or primary's reports) have no caller and are not redelivered.
            if (Redelivery.ToRegion(letter.Message))
                HoldForRestart(ofRegion, letter.Message, letter.Sender);
            return;
        }
        if (!Self.Path.Equals(letter.Recipient.Path.Parent) || !TryRegionOfName(letter.Recipient.Path.Name, out var region))
            return;
        if (!Redelivery.ToRegion(letter.Message))
            return;
        if (_regions.TryGetValue(region, out var running) && running.Equals(letter.Recipient))
        {
            QueueBuffered(region);
            HoldForRestart(region, letter.Message, letter.Sender);
            return;
        }
        if (!GivenUp(region, letter.Message, letter.Sender))
            RegionOf(region.Account, region.Region).Tell(letter.Message, letter.Sender);
    }

    /// <summary>A key actor (/user/kms/&lt;region&gt;/&lt;key&gt;) of a region that said it is stopping: the region's own
    /// redelivery (RegionActor.Redelivery) stops with it, so its keys' unhandled calls are the engine's to hand on.</summary>
    private bool IsKeyOfStoppingRegion(IActorRef recipient, out (string Account, string Region) region)
    {
        region = default;
        var parent = recipient.Path.Parent;
        return parent is not null && Self.Path.Equals(parent.Parent) && TryRegionOfName(parent.Name, out region) && _stopping.ContainsKey(region);
    }

    /// <summary>After a region's Terminated: its held dead letters go to a region started anew.</summary>
    private void RestartFor((string Account, string Region) region)
    {
        QueueBuffered(region);
        _stopping.Remove(region);
        if (!_heldForRestart.Remove(region, out var held))
            return;
        var actor = RegionOf(region.Account, region.Region);
        foreach (var (message, sender) in held)
            actor.Tell(message, sender);
    }

    /// <summary>A region child is named "&lt;escaped account&gt;-&lt;region&gt;" (RegionOf); an account ID holds no '-'.</summary>
    private static bool TryRegionOfName(string name, out (string Account, string Region) region)
    {
        var dash = name.IndexOf('-');
        region = dash > 0 ? (Uri.UnescapeDataString(name[..dash]), name[(dash + 1)..]) : default;
        return dash > 0;
    }
}
