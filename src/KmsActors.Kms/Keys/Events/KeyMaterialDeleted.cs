namespace KmsActors.Kms.Keys;

/// <summary>DeleteImportedKeyMaterial (<paramref name="Expired"/> false) or expiry at ValidTo (true, CloudTrail DeleteExpiredKeyMaterial).
/// The material is dropped; its ID and commitment stay so the same material can be reimported.</summary>
public sealed record KeyMaterialDeleted(string KeyMaterialId, bool Expired, DateTimeOffset At) : IKeyEvent;
