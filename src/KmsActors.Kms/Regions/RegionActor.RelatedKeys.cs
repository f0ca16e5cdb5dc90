using Akka.Actor;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Regions;

// Messages between the related keys of a multi-Region set (UpdatePrimaryRegion, docs/multi-region-keys.md).
public sealed partial class RegionActor
{
    /// <summary>From one of this region's keys: passed up to the engine. For a key of this region: delivered to it.</summary>
    private void OnToRelatedKey(ToRelatedKey related)
    {
        if (!KmsArn.TryParse(related.KeyArn, out var arn) || arn.AccountId != _accountId || arn.Region != _region)
        {
            Engine.Forward(related);
            return;
        }
        var keyId = arn.ResourceId;
        try
        {
            if (!IsKnownKey(keyId))
                throw KmsException.NotFound($"Key '{related.KeyArn}' does not exist");
            Deliver(keyId, related.Message, Sender);
        }
        catch (KmsException error)
        {
            if (related.Message is PromoteReplica promote)
                promote.ReplyTo.Tell(new PromotionRefused(promote.Command,
                    error.ErrorCode == KmsErrorCodes.NotFoundException ? KmsException.NotFound($"{promote.OldPrimary.Arn} has no replica key in {_region}.") : error));
        }
    }
}
