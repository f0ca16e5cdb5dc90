using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Regions;

// ReEncrypt spans two keys: the source key actor decrypts and hands the plaintext back here; the region resolves
// DestinationKeyId (key ID, ARN, alias name or alias ARN, as AWS allows) and forwards it to the destination key.
public sealed partial class RegionActor
{
    private void OnReEncryptDestination(ReEncryptDestination message)
    {
        try
        {
            var request = (ReEncryptRequest)message.Command.Request;
            var destination = ResolveKeyId(request.DestinationKeyId, "destinationKeyId", allowAlias: true);
            Deliver(destination, message, message.ReplyTo);
        }
        catch (KmsException error)
        {
            Fail(message.Command, message.ReplyTo, error, [message.SourceKeyArn]);
        }
    }
}
