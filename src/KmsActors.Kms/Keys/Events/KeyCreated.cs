using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

/// <summary>CreateKey (or the creation of a multi-Region replica): the whole initial state. Version 2: the key's materials
/// are sealed (<see cref="KeyMaterialEntry.SealedMaterial"/>); version 1 held them in plain.</summary>
[PersistedAs("KeyCreated", 2, ReadsSince = 1)]
public sealed record KeyCreated(KmsKey Key) : IKeyEvent;
