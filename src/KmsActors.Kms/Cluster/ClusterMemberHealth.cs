namespace KmsActors.Kms.Cluster;

/// <summary>One member of the cluster as a node sees it: its address, Akka membership status and reachability.</summary>
public sealed record ClusterMemberHealth(string Address, string Status, bool Unreachable);
