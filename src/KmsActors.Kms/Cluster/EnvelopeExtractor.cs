using Akka.Cluster.Sharding;

namespace KmsActors.Kms.Cluster;

/// <summary>
/// Places entities on shards by a stable hash of the entity ID (Akka's MurmurHash, the same in every process, unlike
/// string.GetHashCode), so every node computes the same shard for a key; the shard coordinator decides the node.
/// </summary>
internal sealed class EnvelopeExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => message switch
    {
        KeyEnvelope key => key.EntityId,
        RegionEnvelope region => region.EntityId,
        _ => null,
    };

    public override object? EntityMessage(object message) => message switch
    {
        KeyEnvelope key => key.Message,
        RegionEnvelope region => region.Message,
        _ => message,
    };
}
