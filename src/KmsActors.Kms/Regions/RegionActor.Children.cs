using Akka.Actor;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Settling;

namespace KmsActors.Kms.Regions;

// The key actors: starting them on demand, restarting them for messages buffered while they stopped, their status
// reports, Settle.
public sealed partial class RegionActor
{
    /// <summary>Keys whose actor was started by CreateKey / InitializeReplica and has not reported yet.</summary>
    private readonly Dictionary<string, PendingKey> _pending = new(StringComparer.Ordinal);
    /// <summary>Keys whose actor runs or is stopping, with their buffered messages and last delivery.</summary>
    private readonly Dictionary<string, LiveKey> _live = new(StringComparer.Ordinal);

    private sealed record PendingKey(KeySpec Spec, KeyUsageType Usage);

    /// <summary>Hands <paramref name="message"/> to the key's actor, starting it from its journal when it is passivated,
    /// or buffers it while the actor is stopping. One lookup: this runs for every call the region routes.</summary>
    private void Deliver(string keyId, object message, IActorRef sender)
    {
        if (_cluster is not null)
        {
            _cluster.TellKey(_accountId, _region, keyId, message, sender); // sharding starts, buffers and passivates it
            return;
        }
        if (!_live.TryGetValue(keyId, out var key))
            key = StartChild(keyId);
        else
        {
            key.LastDelivered = Now;
            if (key.Stopping)
            {
                key.Hold(message, sender);
                return;
            }
            _recency?.Touch(key);
        }
        key.Actor.Tell(message, sender);
    }

    private LiveKey StartChild(string keyId)
    {
        var key = new LiveKey(keyId, StartActor(keyId), Now);
        _live[keyId] = key;
        AdmitWithinLimit(key);
        return key;
    }

    private IActorRef StartActor(string keyId)
    {
        var actor = Context.Watch(Context.ActorOf(_keyActorProps(keyId), keyId));
        if (AliasesOf(keyId) is { Count: > 0 } aliases)
            actor.Tell(new KeyAliases(aliases)); // first in its mailbox: before any call the region forwards
        return actor;
    }

    /// <summary>The alias names that point at <paramref name="keyId"/>.</summary>
    private List<string>? AliasesOf(string keyId)
    {
        List<string>? names = null;
        foreach (var alias in _index.Aliases.Values)
        {
            if (alias.TargetKeyId == keyId)
                (names ??= []).Add(alias.AliasName);
        }
        return names;
    }

    /// <summary>Tells a running key actor its aliases after they changed.</summary>
    private void TellAliases(string keyId)
    {
        if (_cluster is not null)
        {
            _cluster.TellKey(_accountId, _region, keyId, new KeyAliases(AliasesOf(keyId) ?? []), Self);
            return;
        }
        if (_live.TryGetValue(keyId, out var key) && !key.Stopping)
            key.Actor.Tell(new KeyAliases(AliasesOf(keyId) ?? []));
    }

    private void OnTerminated(Terminated terminated)
    {
        var keyId = terminated.ActorRef.Path.Name;
        if (!_live.TryGetValue(keyId, out var key) || !key.Actor.Equals(terminated.ActorRef))
            return;
        _pending.Remove(keyId);
        if (key.Buffer is { } buffered)
        {
            key.Buffer = null;
            key.Stopping = false;
            key.Actor = StartActor(keyId);
            AdmitWithinLimit(key);
            foreach (var (message, sender) in buffered)
                key.Actor.Tell(message, sender);
            return; // still running: the region's due timer, which covers stopped keys only, is unchanged
        }
        _recency?.Remove(key); // a key may stop on its own: deleted, creation refused, a failed write
        _live.Remove(keyId);
        // Only a stopped key with a due date can move that timer; re-arming walks the due dates of running keys, which
        // under the live-key limit's churn would be paid at every stop.
        if (_index.Keys.TryGetValue(keyId, out var indexed) && indexed.NextDueDate is not null)
            RearmDueTimer();
    }

    /// <summary>What the key actor reports after recovery and every event: the region indexes it durably.</summary>
    private void OnKeyStatusChanged(KeyStatusChanged status)
    {
        if (_cluster is not null)
            TellAliasesOnReport(status);
        if (status.Deleted)
        {
            _pending.Remove(status.KeyId);
            if (_index.Keys.ContainsKey(status.KeyId))
                IndexKey(new KeyUnindexed(status.KeyId));
            return;
        }
        KeyIndexed next;
        if (_pending.Remove(status.KeyId, out var created))
            next = new KeyIndexed(status.KeyId, created.Spec, created.Usage, status.State, status.NextDueDate);
        else if (_index.Keys.TryGetValue(status.KeyId, out var known))
        {
            if (known.State == status.State && known.NextDueDate == status.NextDueDate)
                return;
            next = known with { State = status.State, NextDueDate = status.NextDueDate };
        }
        else
            return;
        // The key is running, so its own timer covers its due date; the region's timer is re-armed when it stops.
        IndexKey(next);
        if (_cluster is not null)
            RearmDueTimer(); // cluster mode: the region's timer covers running keys too (RegionActor.Cluster)
    }

    /// <summary>ReplicateKey's second half (docs/multi-region-keys.md): create the replica's key actor under the primary's key ID.</summary>
    private void OnInitializeReplica(InitializeReplica message)
    {
        var keyId = message.Primary.KeyId;
        if (IsKnownKey(keyId))
        {
            message.ReplyTo.Tell(new ReplicaCreationFailed(
                new KmsException(KmsErrorCodes.AlreadyExistsException, $"Key '{KeyArn(keyId)}' already exists"), message.Command));
            return;
        }
        _pending[keyId] = new PendingKey(message.Primary.KeySpec, message.Primary.KeyUsage);
        try
        {
            Deliver(keyId, message, Sender);
        }
        catch (KmsException error)
        {
            _pending.Remove(keyId);
            message.ReplyTo.Tell(new ReplicaCreationFailed(error, message.Command));
        }
    }

    /// <summary>Settle every live key (a stopping key is settled once it terminated, a buffered one after its restart).</summary>
    private void OnSettle()
    {
        var settle = new List<IActorRef>();
        var watchOnly = new List<IActorRef>();
        var queued = new List<List<(object, IActorRef)>>();
        foreach (var key in _live.Values)
        {
            if (!key.Stopping)
                settle.Add(key.Actor);
            else
            {
                watchOnly.Add(key.Actor);
                if (key.Buffer is { } buffer)
                    queued.Add(buffer);
            }
        }
        if (settle.Count == 0 && watchOnly.Count == 0)
        {
            Sender.Tell(Settled.Instance);
            return;
        }
        var barrier = Context.ActorOf(SettleBarrier.Props(Self, Sender, settle, watchOnly, queued.Count));
        foreach (var buffer in queued)
            buffer.Add((Settle.Instance, barrier));
    }
}
