using Akka.Actor;

namespace KmsActors.Kms.Regions;

/// <summary>
/// What a region keeps about one key whose actor runs (or is stopping): one entry per live key, found with one lookup
/// on every delivery, and kept across a passivation that buffered messages, since the key restarts at once.
/// </summary>
internal sealed class LiveKey(string keyId, IActorRef actor, DateTimeOffset lastDelivered)
{
    public string KeyId { get; } = keyId;

    /// <summary>The running actor; a new one when the key restarts for its buffered messages.</summary>
    public IActorRef Actor { get; set; } = actor;

    /// <summary>When the region last handed the key a message: it is idle kms.passivate-after after that.</summary>
    public DateTimeOffset LastDelivered { get; set; } = lastDelivered;

    /// <summary>Told to stop (or found stopped): messages for it wait in <see cref="Buffer"/> until it has terminated.</summary>
    public bool Stopping { get; set; }

    /// <summary>Messages that arrived while the key was stopping; null when none did. Bounded for calls by
    /// kms.max-held-calls-per-key (RegionActor.Holding refuses one more).</summary>
    public List<(object Message, IActorRef Sender)>? Buffer { get; set; }

    /// <summary>The key delivered to just before this one (<see cref="LiveKeyRecency"/>, only with kms.max-live-keys).</summary>
    public LiveKey? Older { get; set; }

    /// <summary>The key delivered to just after this one (<see cref="LiveKeyRecency"/>).</summary>
    public LiveKey? Newer { get; set; }

    /// <summary>How many messages wait in <see cref="Buffer"/>.</summary>
    public int Held => Buffer?.Count ?? 0;

    /// <summary>Holds <paramref name="message"/> until the key has stopped and restarted.</summary>
    public void Hold(object message, IActorRef sender) => (Buffer ??= []).Add((message, sender));
}
