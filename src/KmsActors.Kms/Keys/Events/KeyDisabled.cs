namespace KmsActors.Kms.Keys;

/// <summary>DisableKey: Enabled → Disabled.</summary>
public sealed record KeyDisabled(DateTimeOffset At) : IKeyEvent;
