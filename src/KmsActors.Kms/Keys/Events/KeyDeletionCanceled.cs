using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

/// <summary>CancelKeyDeletion. <paramref name="ResultingState"/> is Disabled (AWS), or PendingImport when permanently-associated
/// material was deleted or expired while the key was pending deletion (docs/byok.md).</summary>
public sealed record KeyDeletionCanceled(KeyState ResultingState) : IKeyEvent;
