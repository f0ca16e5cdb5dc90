using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

/// <summary>The transient Updating state after UpdatePrimaryRegion ended at <paramref name="At"/>: the key is Enabled
/// again (AWS restores Enabled, the state both keys had to be in when the update started; docs/multi-region-keys.md).</summary>
[PersistedAs("KeyUpdateCompleted")]
public sealed record KeyUpdateCompleted(DateTimeOffset At) : IKeyEvent;
