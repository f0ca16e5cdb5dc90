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
    private readonly Persistence.PipelineGate _pipeline = new();

    /// <summary>When the API call being handled arrived: a crypto call's audit time.</summary>
    private DateTimeOffset _callArrived;

    protected override bool AroundReceive(Receive receive, object message)
    {
        if (message is KmsCommand)
            _callArrived = Now;
        return TryAnswerDirectly(message) || base.AroundReceive(receive, message);
    }

    private bool TryAnswerDirectly(object message)
    {
        // Not while the key waits for the vault: the call is held behind the one that waits (KeyActor.Vault.cs).
        if (message is not KmsCommand { Request: var request } command || !NeverPersists(request) || _vaultWait is not null || !_pipeline.IsOpen(this))
            return false;
        OnKmsCommand(command);
        return true;
    }

    /// <summary>The requests <see cref="HandleCrypto"/> answers: none of them decides or persists anything.</summary>
    private static bool NeverPersists(object request) => request is EncryptRequest or DecryptRequest or ReEncryptRequest
        or GenerateDataKeyRequest or GenerateDataKeyWithoutPlaintextRequest or GenerateDataKeyPairRequest
        or GenerateDataKeyPairWithoutPlaintextRequest or SignRequest or VerifyRequest or GenerateMacRequest
        or VerifyMacRequest or GetPublicKeyRequest or DeriveSharedSecretRequest;

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _pipeline.PersistRejected();
        base.OnPersistRejected(cause, @event, sequenceNr);
    }
}
