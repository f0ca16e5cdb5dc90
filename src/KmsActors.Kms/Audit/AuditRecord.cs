using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Kms.Regions;
using KmsActors.Kms.Protocol;
using KmsActors.Kms.Services;

namespace KmsActors.Kms.Audit;

/// <summary>
/// One audit event shaped like a CloudTrail record of KMS (docs/audit.md), published on the ActorSystem's
/// EventStream by the actor that answered the call. Never carries a secret: request and response maps go
/// through <see cref="AuditRedaction"/>.
/// </summary>
public sealed partial record AuditRecord
{
    public const string ApiCall = "AwsApiCall";
    public const string ServiceEvent = "AwsServiceEvent";
    public const string AwsInternal = "AWS Internal";

    public string EventVersion => "1.11";
    public required AuditUserIdentity UserIdentity { get; init; }
    public required DateTimeOffset EventTime { get; init; }
    public string EventSource => "kms.amazonaws.com";
    public required string EventName { get; init; }
    public required string AwsRegion { get; init; }
    public required string SourceIPAddress { get; init; }
    public required string UserAgent { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    // Each holds the map, null, or an AuditSnapshot whose map is built on first read: most records are published to
    // nobody or read only in part, and building maps by reflection for every call was most of an Encrypt's audit cost.
    private object? _requestParameters;
    private object? _responseElements;

    /// <summary>Lower-camel-case request members; null for service events.</summary>
    public IReadOnlyDictionary<string, object?>? RequestParameters
    {
        get
        {
            var current = Volatile.Read(ref _requestParameters);
            if (_impliedAlgorithm is not { } algorithm || current is null or IReadOnlyDictionary<string, object?>)
                return AuditSnapshot.Materialize(ref _requestParameters);
            // Built on first read, like the other maps, with the algorithm the call used in its place.
            var snapshot = current;
            var map = CloudTrailShapes.WithAlgorithm(AuditSnapshot.Materialize(ref snapshot)!, algorithm);
            Interlocked.CompareExchange(ref _requestParameters, map, current);
            return (IReadOnlyDictionary<string, object?>?)Volatile.Read(ref _requestParameters);
        }
        init => _requestParameters = value;
    }

    // The encryptionAlgorithm an Encrypt or Decrypt logs although its request left it out (CloudTrailShapes.ImpliedAlgorithmOf).
    private EncryptionAlgorithmSpec? _impliedAlgorithm;

    /// <summary>Lower-camel-case response members; null on failure, for GetParametersForImport, operations without output and service events.</summary>
    public IReadOnlyDictionary<string, object?>? ResponseElements
    {
        get => AuditSnapshot.Materialize(ref _responseElements);
        init => _responseElements = value;
    }
    /// <summary>additionalEventData: the key material a cryptographic call used (keyMaterialId; ReEncrypt:
    /// sourceKeyMaterialId and destinationKeyMaterialId); null when there is none (docs/audit.md).</summary>
    public IReadOnlyDictionary<string, object?>? AdditionalEventData
    {
        get => _additionalEventData ??= CloudTrailShapes.AdditionalEventData(_materialId, _secondMaterialId, _reEncrypt);
        init => _additionalEventData = value;
    }
    // The material IDs stay strings until someone reads the map (most records are published to nobody).
    private IReadOnlyDictionary<string, object?>? _additionalEventData;
    private string? _materialId;
    private string? _secondMaterialId;
    private bool _reEncrypt;

    /// <summary>The API request ID; null for service events.</summary>
    public string? RequestID
    {
        get => _requestId ?? (_requestGuid is { } id ? _requestId = id.ToString() : null);
        init => _requestId = value;
    }
    // An API call's request ID stays unformatted until someone reads it (formatting it for every call cost ~100 B).
    private string? _requestId;
    private Guid? _requestGuid;
    /// <summary>Unique per record. An API call's is derived from its request ID when first read (a seeded run gets the
    /// same one every time; otherwise a random UUID, the same on every read): most records are published to nobody.</summary>
    public string EventID
    {
        get => Volatile.Read(ref _eventId) ?? Interlocked.CompareExchange(ref _eventId, IdSource.EventIdOf(RequestID), null) ?? _eventId!;
        init => _eventId = value;
    }
    private string? _eventId;
    public required bool ReadOnly { get; init; }
    public required IReadOnlyList<AuditResource> Resources { get; init; }
    public required string EventType { get; init; }
    public bool ManagementEvent => true;
    public required string RecipientAccountId { get; init; }
    public AuditServiceEventDetails? ServiceEventDetails { get; init; }
    public string EventCategory => "Management";

    /// <summary>The record of one API call. <paramref name="response"/> is the response record (ignored when
    /// <paramref name="error"/> is set); <paramref name="resourceArns"/> are the key (and alias) ARNs involved.</summary>
    public static AuditRecord ForApiCall(KmsCommand command, object? response, KmsException? error, DateTimeOffset eventTime, IReadOnlyList<string> resourceArns) =>
        ForApiCallOn(command, response, error, eventTime, ResourcesOf(resourceArns, command.Caller.AccountId));

    /// <summary>As above, with the resources already built (a key actor builds its own once). <paramref name="keyMaterialId"/>:
    /// the material a call used whose response does not name it (Encrypt).</summary>
    internal static AuditRecord ForApiCallOn(KmsCommand command, object? response, KmsException? error, DateTimeOffset eventTime, IReadOnlyList<AuditResource> resources, string? keyMaterialId = null)
    {
        var caller = command.Caller;
        var operation = command.Operation;
        var record = new AuditRecord
        {
            UserIdentity = IdentityOf(caller),
            EventTime = eventTime,
            EventName = operation,
            AwsRegion = command.Region,
            SourceIPAddress = caller.SourceIpAddress,
            UserAgent = caller.UserAgent,
            ErrorCode = error is null ? null : CloudTrailErrorCode(error.ErrorCode),
            ErrorMessage = error?.ErrorMessage, // null when AWS sends no message
            ReadOnly = IsReadOnly(operation),
            Resources = resources,
            EventType = ApiCall,
            RecipientAccountId = caller.AccountId,
        };
        if (command.TryGetUnformattedRequestId(out var requestId))
            record._requestGuid = requestId;
        else
            record._requestId = command.RequestId;
        // Member values are read now (what subscribers see is the call as answered); the maps are built on first read.
        record._requestParameters = AuditRedaction.Defer(command.Request);
        record._impliedAlgorithm = CloudTrailShapes.ImpliedAlgorithmOf(command.Request, error is null ? response : null);
        // CloudTrail logs responseElements only for calls that change something: a read-only event (DescribeKey,
        // GetParametersForImport, Encrypt, Sign, …) has responseElements null (the AWS KMS guide's CloudTrail examples).
        if (error is null && !record.ReadOnly)
        {
            var shaped = CloudTrailShapes.ResponseOf(response);
            record._responseElements = shaped is IReadOnlyDictionary<string, object?> map ? map : AuditRedaction.Defer(shaped);
        }
        if (error is null)
        {
            (record._materialId, record._secondMaterialId, record._reEncrypt) = CloudTrailShapes.MaterialIdsOf(response);
            record._materialId ??= keyMaterialId;
        }
        record.AddNode(command.Node);
        return record;
    }

    /// <summary>Read-only in CloudTrail: Describe*, List* and Get* calls (GetParametersForImport included) and the
    /// cryptographic operations, which use a key without changing it ("readOnly": true in the AWS KMS guide's CloudTrail
    /// examples): the ReadOnly column of the catalogue's facts (Model/KmsCatalogue.Facts.cs). False for a name that is no
    /// operation of the model.</summary>
    public static bool IsReadOnly(string operation) => KmsCatalogue.FactsOf(operation)?.ReadOnly ?? false;

    /// <summary>CloudTrail writes the errorCode of a refused call as "AccessDenied" where the API answers
    /// AccessDeniedException (docs/access-control.md); every other error under its API name.</summary>
    private static string CloudTrailErrorCode(string errorCode) =>
        errorCode == Policy.AuthorizationDecision.AccessDeniedException ? "AccessDenied" : errorCode;

    /// <summary>The last caller's identity: nearly every call comes from the same (immutable) CallerIdentity.</summary>
    private static CachedIdentity? _lastIdentity;

    private sealed record CachedIdentity(CallerIdentity Caller, AuditUserIdentity Identity);

    private static AuditUserIdentity IdentityOf(CallerIdentity caller)
    {
        if (Volatile.Read(ref _lastIdentity) is { } last && ReferenceEquals(last.Caller, caller))
            return last.Identity;
        var identity = BuildIdentity(caller);
        Volatile.Write(ref _lastIdentity, new CachedIdentity(caller, identity));
        return identity;
    }

    private static AuditUserIdentity BuildIdentity(CallerIdentity caller)
    {
        var arn = caller.PrincipalArn;
        var type = caller.Principal.Type switch
        {
            Policy.PrincipalType.Account => "Root",
            Policy.PrincipalType.User => "IAMUser",
            Policy.PrincipalType.AssumedRole => "AssumedRole",
            Policy.PrincipalType.FederatedUser => "FederatedUser",
            _ => "AWSAccount",
        };
        return new AuditUserIdentity
        {
            Type = type,
            // CloudTrail: the root's principalId is the account ID; for users and roles their unique ID (aws:userid).
            PrincipalId = type == "Root" ? caller.AccountId : caller.Principal.UserId,
            Arn = arn,
            AccountId = caller.AccountId,
            AccessKeyId = string.IsNullOrEmpty(caller.AccessKeyId) ? null : caller.AccessKeyId,
        };
    }

    /// <summary>The resources entry of these ARNs (an ARN that is no KMS ARN belongs to <paramref name="fallbackAccount"/>).</summary>
    internal static AuditResource[] ResourcesOf(IReadOnlyList<string> arns, string fallbackAccount)
    {
        var resources = new AuditResource[arns.Count];
        for (var i = 0; i < arns.Count; i++)
            resources[i] = new AuditResource(KmsArn.AccountOf(arns[i]) ?? fallbackAccount, arns[i]);
        return resources;
    }
}
