using System.Collections.Concurrent;
using Akka.Actor;

namespace KmsActors.Kms.Routing;

/// <summary>
/// The region actors the engine actor has started, by (account, region), shared with the <see cref="Engine.KmsEngine"/> façade
/// so calls skip the engine actor's hop. Written only by the engine actor (after the region's first call, removed when
/// it terminates); read by any caller thread. The last hit is kept by reference: nearly every call names the same
/// account and region strings (the defaults), so the common lookup is two reference comparisons.
/// </summary>
internal sealed class RegionDirectory
{
    private readonly ConcurrentDictionary<(string Account, string Region), IActorRef> _regions = new();
    private Entry? _last;

    private sealed record Entry(string Account, string Region, IActorRef Actor);

    /// <summary>The running region actor, or null: then the call goes through the engine actor, which (handling its
    /// child's termination first, as a system message) starts the region again instead of losing the call.</summary>
    public IActorRef? Find(string accountId, string region)
    {
        if (Volatile.Read(ref _last) is { } last && ReferenceEquals(last.Account, accountId) && ReferenceEquals(last.Region, region))
        {
            if (!IsTerminated(last.Actor))
                return last.Actor;
            Remove(accountId, region, last.Actor);
            return null;
        }
        if (!_regions.TryGetValue((accountId, region), out var actor))
            return null;
        if (IsTerminated(actor))
        {
            Remove(accountId, region, actor);
            return null;
        }
        Volatile.Write(ref _last, new Entry(accountId, region, actor));
        // A Remove that ran meanwhile must not leave the stopped region behind in _last.
        if (!_regions.TryGetValue((accountId, region), out var still) || !ReferenceEquals(still, actor))
            Volatile.Write(ref _last, null);
        return actor;
    }

    public void Publish(string accountId, string region, IActorRef actor) => _regions.TryAdd((accountId, region), actor);

    /// <summary>Forgets <paramref name="actor"/> (not a newer region started under the same key).</summary>
    public void Remove(string accountId, string region, IActorRef actor)
    {
        _regions.TryRemove(KeyValuePair.Create((accountId, region), actor));
        Volatile.Write(ref _last, null);
    }

    // Obsolete for actor code (which should Watch, as the engine actor does); here it is the caller-side check that the
    // region has not stopped since the engine actor published it, before its Terminated reached the engine actor.
#pragma warning disable CS0618
    private static bool IsTerminated(IActorRef actor) => actor is IInternalActorRef { IsTerminated: true };
#pragma warning restore CS0618
}
