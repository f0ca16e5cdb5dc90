using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Regions;

/// <summary>Region event: an alias was created (CreateAlias) or pointed at another key (UpdateAlias).
/// <paramref name="AliasName"/> includes "alias/".</summary>
public sealed record AliasSet(string AliasName, string TargetKeyId, DateTimeOffset CreationDate, DateTimeOffset LastUpdatedDate) : IKmsPersistentMessage;
