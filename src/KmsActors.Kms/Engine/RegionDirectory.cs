using System.Collections.Concurrent;
using Akka.Actor;

namespace KmsActors.Kms.Engine;

/// <summary>
/// The region actors the engine actor has started, by (account, region), shared with the <see cref="KmsEngine"/> façade
/// so calls skip the engine actor's hop. Written only by the engine actor (after the region's first call, removed when
/// it terminates); read by any caller thread. The last hit is kept by reference: nearly every call names the same
/// account and region strings (the defaults), so the common lookup is two reference comparisons.
/// </summary>
internal sealed class RegionDirectory
{
    private readonly ConcurrentDictionary<(string Account, string Region), IActorRef> _regions = new();
    private Entry? _last;

    private sealed record Entry(string Account, string Region, IActorRef Actor);

    public IActorRef? Find(string accountId, string region)
    {
        if (Volatile.Read(ref _last) is { } last && ReferenceEquals(last.Account, accountId) && ReferenceEquals(last.Region, region))
            return last.Actor;
        if (!_regions.TryGetValue((accountId, region), out var actor))
            return null;
        Volatile.Write(ref _last, new Entry(accountId, region, actor));
        // A Remove that ran meanwhile must not leave the stopped region behind in _last.
        if (!_regions.TryGetValue((accountId, region), out var still) || !ReferenceEquals(still, actor))
            Volatile.Write(ref _last, null);
        return actor;
    }

    public void Publish(string accountId, string region, IActorRef actor) => _regions.TryAdd((accountId, region), actor);

    public void Remove(string accountId, string region)
    {
        _regions.TryRemove((accountId, region), out _);
        Volatile.Write(ref _last, null);
    }
}
