namespace KmsActors.Kms.Keys;

/// <summary>CreateKey (or the creation of a multi-Region replica): the whole initial state.</summary>
public sealed record KeyCreated(KmsKey Key) : IKeyEvent;
