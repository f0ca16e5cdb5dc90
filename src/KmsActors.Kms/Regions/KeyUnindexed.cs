using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Regions;

/// <summary>Region event: the key was deleted (end of its waiting period). It leaves ListKeys, and its aliases go with it.</summary>
public sealed record KeyUnindexed(string KeyId) : IKmsPersistentMessage;
