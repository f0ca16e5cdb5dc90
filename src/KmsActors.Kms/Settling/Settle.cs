namespace KmsActors.Kms.Settling;

/// <summary>
/// Test and simulation barrier: an actor replies <see cref="Settled"/> once everything it received before
/// has been handled (persistent actors stash it while a persist is in flight). Engine and region actors pass
/// it on to their live children and reply when all have. Used by KmsTestKit.Advance under virtual time.
/// </summary>
public sealed record Settle
{
    public static readonly Settle Instance = new();
}

public sealed record Settled
{
    public static readonly Settled Instance = new();
}
