namespace KmsActors.Kms.Keys;

/// <summary>UpdateKeyDescription.</summary>
public sealed record KeyDescriptionUpdated(string Description) : IKeyEvent;
