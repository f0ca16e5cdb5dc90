using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// A write that fails (the journal's transaction failed: disk full, I/O error). Akka stops a persistent actor whose
// persist failed, since it cannot know whether the events were stored; the key keeps nothing of the failed call. Its
// caller hears KMSInternalException; the region starts the key again from its journal on the next message and hands
// it the calls that were queued behind the write (they come back as dead letters, see RegionActor.Redelivery).
public sealed partial class KeyActor
{
    /// <summary>Tells the caller of the write in flight that it failed; null when no caller waits for it.</summary>
    private Action<KmsException>? _failPersist;

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistFailure(cause, @event, sequenceNr);
        var fail = _failPersist;
        _failPersist = null;
        fail?.Invoke(KmsException.WriteFailed());
    }
}
