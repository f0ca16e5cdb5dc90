namespace KmsActors.Kms.Keys;

/// <summary>EnableKey: Disabled → Enabled.</summary>
public sealed record KeyEnabled(DateTimeOffset At) : IKeyEvent;
