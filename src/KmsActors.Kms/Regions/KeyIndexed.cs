using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Regions;

/// <summary>Region event: a key of this region exists (or its state or next due date changed). KeySpec and
/// KeyUsage are kept for UpdateAlias (AWS: an alias may only move to a key of the same type and usage).</summary>
public sealed record KeyIndexed(string KeyId, KeySpec KeySpec, KeyUsageType KeyUsage, KeyState State, DateTimeOffset? NextDueDate) : IKmsPersistentMessage;
