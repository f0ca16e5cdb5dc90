namespace KmsActors.Hosting.Seeding;

/// <summary>A kms.seed entry that cannot be applied: the host does not start. The message names the entry and what to change.</summary>
public sealed class KmsSeedException(string message, Exception? inner = null) : Exception(message, inner);
