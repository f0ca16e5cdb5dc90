namespace KmsActors.Kms.Keys;

/// <summary>The deletion waiting period ended: the key is gone (CloudTrail service event DeleteKey). Nothing follows it.</summary>
public sealed record KeyDeleted(DateTimeOffset At) : IKeyEvent;
