using Akka.Actor;
using Akka.Persistence;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// The direct path for calls that only read the key: cryptographic operations never persist, so once the key has
// recovered, no persist of its own is in flight and Akka holds no command stashed behind an earlier one (it hands
// those back one per command through its pipeline), Akka.Persistence's command pipeline would do nothing for them but
// cost time and an allocation per message. They are answered straight from AroundReceive, in mailbox order like
// every other message; everything else takes the pipeline as before.
public sealed partial class KeyActor
{
    /// <summary>PersistAll calls whose last handler has not run yet (commands are stashed by Akka meanwhile).</summary>
    private int _persisting;

    /// <summary>Commands Akka stashed during a persist, handed back one per command through its pipeline (null: no direct path).</summary>
    private IStash? _internalStash;

    private bool TryAnswerDirectly(object message)
    {
        if (message is not KmsCommand { Request: var request } command || _persisting != 0 || !IsRecoveryFinished
            || !NeverPersists(request) || (_internalStash ??= Persistence.InternalStash.Of(this)) is not { IsEmpty: true })
            return false;
        OnKmsCommand(command);
        return true;
    }

    /// <summary>The requests <see cref="HandleCrypto"/> answers: none of them decides or persists anything.</summary>
    private static bool NeverPersists(object request) => request is EncryptRequest or DecryptRequest or ReEncryptRequest
        or GenerateDataKeyRequest or GenerateDataKeyWithoutPlaintextRequest or GenerateDataKeyPairRequest
        or GenerateDataKeyPairWithoutPlaintextRequest or SignRequest or VerifyRequest or GenerateMacRequest
        or VerifyMacRequest or GetPublicKeyRequest;

    /// <summary>A rejected write runs no handler: the persist is over all the same.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _persisting = 0;
        base.OnPersistRejected(cause, @event, sequenceNr);
    }
}
