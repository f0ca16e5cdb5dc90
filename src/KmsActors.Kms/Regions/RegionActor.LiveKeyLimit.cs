using Akka.Actor;
using KmsActors.Kms.Keys;

namespace KmsActors.Kms.Regions;

// kms.max-live-keys, Akka.Cluster.Sharding's active-entity limit: idle passivation alone does not bound memory when
// clients keep more keys busy within the idle window than fit. Starting a key beyond the limit passivates the least
// recently delivered one exactly as an idle key is (StopPassivated, its messages buffered until it has stopped, then
// restarted from its journal). A key being created (still in _pending) may be chosen too: StopPassivated is handled
// after the InitializeKey / InitializeReplica before it in the key's mailbox, and a persisting actor stashes it until
// the persist's handler has run, so the key is written, reported to the region and only then stops. Its due dates
// are indexed like any key's, and the region's timer covers them once it has stopped (OnTerminated re-arms it).
// Without a limit (0) _recency is null and the hot path does nothing more than before.
public sealed partial class RegionActor
{
    /// <summary>Running keys that are not stopping, by recency of delivery; null when kms.max-live-keys is 0.</summary>
    private readonly LiveKeyRecency? _recency;

    /// <summary>A key actor (re)started: within the limit it joins as the most recent; beyond it the least recent stops.</summary>
    private void AdmitWithinLimit(LiveKey started)
    {
        if (_recency is null)
            return;
        _recency.Add(started);
        while (_recency.Count > _settings.MaxLiveKeys && _recency.Oldest is { } oldest && !ReferenceEquals(oldest, started))
        {
            MarkStopping(oldest);
            oldest.Actor.Tell(StopPassivated.Instance);
        }
    }

    /// <summary>From now on messages for <paramref name="key"/> wait in its buffer until it has terminated.</summary>
    private void MarkStopping(LiveKey key)
    {
        key.Stopping = true;
        _recency?.Remove(key);
    }
}
