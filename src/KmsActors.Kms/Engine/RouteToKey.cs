namespace KmsActors.Kms.Engine;

/// <summary>
/// A key actor → a related key in another region (multi-Region keys keep their shared material in step,
/// docs/multi-region-keys.md): the sender's RegionActor passes it up, the engine hands it to the region of
/// (<paramref name="AccountId"/>, <paramref name="Region"/>), which delivers <paramref name="Message"/> to the key
/// <paramref name="KeyId"/> (starting it if passivated), or drops it when it has no such key.
/// </summary>
public sealed record RouteToKey(string AccountId, string Region, string KeyId, object Message);
