using Akka.Actor;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Regions;

// ReEncrypt spans two keys: the source key actor decrypts and hands the plaintext back here; the region resolves
// DestinationKeyId (key ID, ARN, alias name or alias ARN, as AWS allows) and forwards it to the destination key; a key
// ARN of another account goes through the engine to that account's region.
public sealed partial class RegionActor
{
    private void OnReEncryptDestination(ReEncryptDestination message)
    {
        try
        {
            var request = (ReEncryptRequest)message.Command.Request;
            // The destination is a key of the caller's account unless a key or alias ARN names another: for a caller of
            // another account (a cross-account source), or an ARN of another account, that account's region resolves it.
            var owner = request.DestinationKeyId is { } named && KmsArn.TryParse(named, out var arn) && arn.Region == _region
                ? arn.AccountId
                : message.Command.Caller.AccountId;
            if (owner != _accountId)
            {
                Engine.Tell(new ReEncryptToAccount(owner, _region, message));
                return;
            }
            var destination = ResolveKeyId(request.DestinationKeyId, KmsCatalogue.KeyIdFormsOf("ReEncrypt", "DestinationKeyId"));
            Deliver(destination, message, message.ReplyTo);
        }
        catch (KmsException error)
        {
            Fail(message.Command, message.ReplyTo, error, [message.SourceKeyArn]);
        }
    }
}
