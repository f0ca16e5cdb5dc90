using KmsActors.Kms.Regions;
using KmsActors.Kms.Services;

namespace KmsActors.Kms.Audit;

// Service events: what KMS does on its own (docs/audit.md). userIdentity names the account and invokedBy "AWS Internal";
// there is no request ID, no requestParameters and no responseElements.
public sealed partial record AuditRecord
{
    /// <summary>The record of something KMS did on its own: DeleteExpiredKeyMaterial (serviceEventDetails: keyId and
    /// the expired material's keyMaterialId) or DeleteKey (no serviceEventDetails, as AWS's current DeleteKey example).</summary>
    public static AuditRecord ForServiceEvent(string eventName, string accountId, string region, string keyArn, string? keyMaterialId, DateTimeOffset eventTime) =>
        ServiceEventOn(eventName, accountId, region, keyArn, keyMaterialId, eventTime,
            eventName == "DeleteExpiredKeyMaterial" ? new AuditServiceEventDetails(KeyIdOf(keyArn), keyMaterialId) : null);

    /// <summary>RotateKey: KMS rotated the key's material, on demand or automatically. serviceEventDetails names the
    /// rotation type, the key's origin, the material that was current before and the one that is current now.</summary>
    public static AuditRecord ForRotateKey(string accountId, string region, string keyArn, string rotationType, string keyOrigin,
        string? previousKeyMaterialId, string currentKeyMaterialId, DateTimeOffset eventTime) =>
        ServiceEventOn("RotateKey", accountId, region, keyArn, currentKeyMaterialId, eventTime,
            new AuditServiceEventDetails(KeyIdOf(keyArn), null)
            {
                RotationType = rotationType,
                KeyOrigin = keyOrigin,
                PreviousKeyMaterialId = previousKeyMaterialId,
                CurrentKeyMaterialId = currentKeyMaterialId,
            });

    private static AuditRecord ServiceEventOn(string eventName, string accountId, string region, string keyArn, string? keyMaterialId,
        DateTimeOffset eventTime, AuditServiceEventDetails? details) =>
        new()
        {
            UserIdentity = new AuditUserIdentity { AccountId = accountId, InvokedBy = AwsInternal },
            EventTime = eventTime,
            EventName = eventName,
            AwsRegion = region,
            SourceIPAddress = AwsInternal,
            UserAgent = AwsInternal,
            EventID = IdSource.ServiceEventIdOf(keyArn, eventName, keyMaterialId, eventTime),
            ReadOnly = false,
            Resources = [new AuditResource(accountId, keyArn)],
            EventType = ServiceEvent,
            RecipientAccountId = accountId,
            ServiceEventDetails = details,
        };

    private static string KeyIdOf(string keyArn) => KmsArn.TryParse(keyArn, out var arn) ? arn.ResourceId : keyArn;
}
