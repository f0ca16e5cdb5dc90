using Akka.Actor;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// Status reports: the parent region indexes them; observers (metrics) read the same report from the EventStream.
public sealed partial class KeyActor
{
    /// <summary>Tells the region <paramref name="status"/> and publishes it as <see cref="KeyStateObserved"/>.</summary>
    private void Report(KeyStatusChanged status)
    {
        ToRegion(status);
        var validTo = _key?.Materials
            .Where(m => m.IsPresent && m.ExpirationModel == ExpirationModelType.KEY_MATERIAL_EXPIRES && m.ValidTo is not null)
            .Min(m => m.ValidTo);
        Context.System.EventStream.Publish(new KeyStateObserved(
            _keyId, _arn, status.State, _key?.KeySpec, _key?.Origin, status.Deleted ? null : validTo, status.Deleted));
    }
}
