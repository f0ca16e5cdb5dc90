using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Audit;

/// <summary>
/// Minimal stand-in for the CloudTrail-shaped audit record written on branch `regions`; only the two factories the
/// key actor calls. The merge keeps the other engineer's full version.
/// </summary>
public sealed record AuditRecord
{
    public required string EventName { get; init; }
    public required DateTimeOffset EventTime { get; init; }
    public required string EventType { get; init; }
    public required string AwsRegion { get; init; }
    public required string RecipientAccountId { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public object? RequestParameters { get; init; }
    public object? ResponseElements { get; init; }
    public string? RequestID { get; init; }
    public required IReadOnlyList<string> Resources { get; init; }
    public string? KeyMaterialId { get; init; }

    public static AuditRecord ForApiCall(KmsCommand command, object? response, KmsException? error, DateTimeOffset eventTime, IReadOnlyList<string> resourceArns) => new()
    {
        EventName = command.Operation,
        EventTime = eventTime,
        EventType = "AwsApiCall",
        AwsRegion = command.Region,
        RecipientAccountId = command.Caller.AccountId,
        ErrorCode = error?.ErrorCode,
        ErrorMessage = error?.Message,
        RequestParameters = command.Request,
        ResponseElements = response,
        RequestID = command.RequestId,
        Resources = resourceArns,
    };

    public static AuditRecord ForServiceEvent(string eventName, string accountId, string region, string keyArn, string? keyMaterialId, DateTimeOffset eventTime) => new()
    {
        EventName = eventName,
        EventTime = eventTime,
        EventType = "AwsServiceEvent",
        AwsRegion = region,
        RecipientAccountId = accountId,
        Resources = [keyArn],
        KeyMaterialId = keyMaterialId,
    };
}
