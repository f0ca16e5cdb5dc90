namespace KmsActors.Kms.Keys;

/// <summary>ReplicateKey completed: the primary records its new replica.</summary>
public sealed record ReplicaAdded(string ReplicaArn) : IKeyEvent;
