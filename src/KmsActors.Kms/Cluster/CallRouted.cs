namespace KmsActors.Kms.Cluster;

/// <summary>
/// A receipt the region entity sends a call's entry node when it hands the call to a key entity (KmsClusterNode.TellKey):
/// the call is now also at <paramref name="KeyEntityId"/>, and the region entity that routed it runs on
/// <paramref name="RegionNode"/> (an Akka address). The entry node fails the call at once if either node dies
/// (InFlightCalls, docs/cluster.md "When a node dies").
/// </summary>
public sealed record CallRouted(string KeyEntityId, string RegionNode);
