using Akka.Actor;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;

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
            // A key of another account, by its key ARN: that account's region of this region resolves it.
            if (request.DestinationKeyId is { } named && KmsArn.TryParse(named, out var arn) && !arn.IsAlias
                && arn.AccountId != _accountId && arn.Region == _region)
            {
                Context.Parent.Tell(new ReEncryptToAccount(arn.AccountId, _region, message));
                return;
            }
            var destination = ResolveKeyId(request.DestinationKeyId, "destinationKeyId", allowAlias: true);
            Deliver(destination, message, message.ReplyTo);
        }
        catch (KmsException error)
        {
            Fail(message.Command, message.ReplyTo, error, [message.SourceKeyArn]);
        }
    }
}
