using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Regions;

/// <summary>Region event: DeleteAlias.</summary>
public sealed record AliasRemoved(string AliasName) : IKmsPersistentMessage;
