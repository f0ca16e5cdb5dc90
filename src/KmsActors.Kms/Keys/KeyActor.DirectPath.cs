using Akka.Actor;
using Akka.Persistence;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Keys;

// The direct path for calls that only read the key (cryptographic operations and DescribeKey: the AnsweredDirectly
// column of Model/KmsCatalogue.Facts.cs): they never persist, so once the key has
// recovered and no write of its own is in flight (commands wait in the key's own stash meanwhile, see
// Persistence.PipelineGate and docs/akka-persistence.md), Akka.Persistence's command pipeline would do nothing for them
// but cost time and an allocation per message. They are answered straight from AroundReceive, in mailbox order like
// every other message; everything else takes the pipeline as before.
public sealed partial class KeyActor
{
    private readonly Persistence.PipelineGate _pipeline;

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
        if (message is not KmsCommand { Request: var request } command || !AnsweredDirectly(request) || !_pipeline.IsOpen(this))
            return false;
        OnKmsCommand(command);
        return true;
    }

    /// <summary>The requests answered beside the pipeline: those <see cref="HandleCrypto"/> answers, and DescribeKey, a
    /// decision with no events (a tenth of the load simulation's calls); the AnsweredDirectly column of
    /// Model/KmsCatalogue.Facts.cs.</summary>
    private static bool AnsweredDirectly(object request) => KmsCatalogue.FactsOf(request) is { AnsweredDirectly: true };

    /// <summary>
    /// While a write of the key is in flight every message waits in the key's stash, as Akka's Persist would have held
    /// it: what the write decides is applied, and its caller answered, before anything after it is looked at. An API
    /// call beyond kms.max-held-calls-per-key is refused with ThrottlingException (AWS throttles a "hot key") and
    /// changes nothing; messages of the engine itself are always held (each stands for a call already accepted).
    /// </summary>
    private bool HeldBehindWrite(object message)
    {
        if (!_pipeline.Writing)
            return false;
        if (message is KmsCommand command && _pipeline.IsFull(Stash))
            Fail(command, Sender, KmsException.Throttled());
        else
            Stash.Stash();
        return true;
    }

    /// <summary>A rejected write (the journal refused the event, e.g. it cannot be serialized) stored nothing and runs no
    /// handler: the key is as it was, its caller hears KMSInternalException, and the calls held behind it go on.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        if (_inFlight is null || !_inFlight.Any(e => ReferenceEquals(e, @event)))
            return; // another event of the same rejected write: answered already
        _inFlight = null;
        _pipeline.WriteEnded();
        var fail = _failPersist;
        _failPersist = null;
        fail?.Invoke(KmsException.WriteFailed());
        _pipeline.Release(Stash);
    }
}
