using Akka.Actor;
using Akka.Event;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;
using KmsActors.Kms.Settling;

namespace KmsActors.Kms.Regions;

// Messages left in a key actor that stopped without handling them (Akka stops a key whose write failed; the calls
// queued behind that write were never seen) come back as dead letters. The region hands them to the key again, started
// anew from its journal, so only the caller of the failed write hears an error. Passivation never needs this: it
// buffers the key's messages until the key has stopped.
public sealed partial class RegionActor
{
    private readonly Routing.Redelivery.Attempts _redeliveries = new();

    protected override void PreStart()
    {
        base.PreStart();
        Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        base.PostStop();
    }

    private void OnDeadLetter(DeadLetter letter)
    {
        if (!Routing.Redelivery.ToKey(letter.Message) || !Self.Path.Equals(letter.Recipient.Path.Parent))
            return;
        var keyId = letter.Recipient.Path.Name;
        if (_redeliveries.Exhausted(letter.Message))
        {
            if (letter.Message is KmsCommand command)
                Fail(command, letter.Sender, KmsException.Internal($"The request was rejected because an internal exception occurred: key {KeyArn(keyId)} could not be started. The request can be retried."), [KeyArn(keyId)]);
            // An alias operation waits for this key's decision, and the calls behind it with it: answer for the key (a key
            // that does not even start is one that is gone, e.g. deleted at the end of its waiting period meanwhile).
            else if (letter.Message is AuthorizeAliasKey authorize)
                OnAliasKeyDecision(new AliasKeyDecision(authorize.Command, authorize.ReplyTo, KmsException.NotFound($"Key '{KeyArn(keyId)}' does not exist")));
            return;
        }
        if (_live.TryGetValue(keyId, out var key) && key.Actor.Equals(letter.Recipient))
        {
            // The key stopped and its Terminated has not come yet: hold the message until it has, as for passivation.
            MarkStopping(key);
            key.Hold(letter.Message, letter.Sender);
            return;
        }
        Deliver(keyId, letter.Message, letter.Sender);
    }
}
