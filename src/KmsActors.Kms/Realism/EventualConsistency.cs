using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Realism;

/// <summary>
/// AWS: KMS is eventually consistent; a key just created may not be found at once. For the configured window after
/// CreateKey answered, a call naming the key by its ID or key ARN fails with NotFoundException, as the real
/// service may answer. Calls naming the key by an alias, and ciphertext-only Decrypt, are not affected.
/// </summary>
public sealed class EventualConsistency
{
    private readonly TimeSpan _window;
    private readonly KnownKeys _keys;

    public EventualConsistency(TimeSpan window, KnownKeys keys)
    {
        _window = window;
        _keys = keys;
    }

    public void Check(KmsCommand command, DateTimeOffset now)
    {
        if (command.Operation == "CreateKey")
            return;
        var keyId = KnownKeys.KeyIdOf(command.Request);
        if (_keys.CreatedAt(keyId) is { } created && now - created < _window)
            throw KmsException.NotFound($"Key '{Regions.KmsArn.Key(command.Caller.AccountId, command.Region, keyId!)}' does not exist");
    }
}
