using KmsActors.Kms.Engine;

namespace KmsActors.Kms.Protocol;

/// <summary>
/// One KMS API call travelling through the engine: <see cref="Request"/> is one of the Model request records
/// (e.g. <c>EncryptRequest</c>). The actor that answers replies to the original sender with the matching
/// response record, or with <c>Status.Failure(KmsException)</c>, and publishes the call's audit record.
/// </summary>
public sealed record KmsCommand
{
    // The request ID as text, or (for calls from the façade) null until first read: most are never read as text.
    private string? _requestId;
    private readonly Guid _requestGuid;

    public KmsCommand(object Request, CallerIdentity Caller, string Region, string RequestId)
    {
        this.Request = Request;
        this.Caller = Caller;
        this.Region = Region;
        _requestId = RequestId;
    }

    internal KmsCommand(object request, CallerIdentity caller, string region, Guid requestId)
    {
        Request = request;
        Caller = caller;
        Region = region;
        _requestGuid = requestId;
    }

    /// <summary>One of the Model request records.</summary>
    public object Request { get; init; }

    public CallerIdentity Caller { get; init; }

    public string Region { get; init; }

    /// <summary>The call's request ID (a UUID, unless the caller named one).</summary>
    public string RequestId
    {
        get => _requestId ??= _requestGuid.ToString();
        init => _requestId = value;
    }

    /// <summary>Cluster mode: the address of the node whose engine the call entered (its audit record's
    /// additionalEventData.kmsActorsNode, docs/cluster.md); null in single-process mode.</summary>
    public string? Node { get; init; }

    /// <summary>The request ID not yet formatted as text, when it is one.</summary>
    internal bool TryGetUnformattedRequestId(out Guid requestId)
    {
        requestId = _requestGuid;
        return _requestId is null;
    }

    /// <summary>The AWS operation name, e.g. "Encrypt" for an EncryptRequest.</summary>
    public string Operation => OperationOf(Request);

    public static string OperationOf(object request) => Operations.GetOrAdd(request.GetType(), static type =>
        type.Name.EndsWith("Request", StringComparison.Ordinal) ? type.Name[..^"Request".Length] : type.Name);

    // Read for every call's audit record: the name is cut from the type name once per type, not per call.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> Operations = new();
}
