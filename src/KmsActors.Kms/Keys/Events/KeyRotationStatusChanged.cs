namespace KmsActors.Kms.Keys;

/// <summary>EnableKeyRotation / DisableKeyRotation (AWS_KMS symmetric keys only).</summary>
public sealed record KeyRotationStatusChanged(bool KeyRotationEnabled, int? RotationPeriodInDays, DateTimeOffset? NextRotationDate) : IKeyEvent;
