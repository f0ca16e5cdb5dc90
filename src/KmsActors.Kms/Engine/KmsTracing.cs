using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Engine;

/// <summary>
/// The engine's traces: the <c>KmsActors</c> ActivitySource makes one span per call entering <see cref="KmsEngine.Send{TResponse}(object, CallerIdentity?, string?, CancellationToken)"/>,
/// named and tagged as OpenTelemetry's semantic conventions for AWS SDK spans say (<c>KMS.Encrypt</c>, rpc.system
/// <c>aws-api</c>, rpc.service <c>KMS</c>, rpc.method, cloud.region, aws.request_id, error.type), plus the key and the
/// caller. Its parent is the caller's <see cref="Activity.Current"/> at the call (in the server, the HTTP request's
/// activity, itself joined to the request's traceparent); it ends when the answer comes back (docs/traces.md).
/// Nothing is made, and nothing allocated, while nobody listens to the source.
/// </summary>
public static class KmsTracing
{
    /// <summary>The ActivitySource's name: <c>AddSource("KmsActors")</c> in OpenTelemetry's tracer provider.</summary>
    public const string SourceName = "KmsActors";

    /// <summary>The key the call was about: the key ARN the answer names when it names one, otherwise the KeyId as
    /// the request gave it (a key ID, key ARN, alias name or alias ARN).</summary>
    public const string KeyIdTag = "kms.key_id";

    /// <summary>The caller's principal ARN (CloudTrail's userIdentity.arn).</summary>
    public const string CallerTag = "kms.caller";

    /// <summary><c>success</c> or <c>failure</c>.</summary>
    public const string OutcomeTag = "kms.outcome";

    /// <summary>The AWS error code of a refused call (e.g. <c>NotFoundException</c>), as OpenTelemetry's error.type.</summary>
    public const string ErrorTypeTag = "error.type";

    internal static readonly ActivitySource Source = new(SourceName, typeof(KmsTracing).Assembly.GetName().Version?.ToString());

    private static readonly ConcurrentDictionary<string, string> SpanNames = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, Func<object, string?>?> RequestKeys = new();
    private static readonly ConcurrentDictionary<Type, Func<object, string?>?> ResponseKeys = new();

    /// <summary>The call's span, started as a child of the caller's current activity, or null when nobody listens
    /// (or the listeners' sampler drops it). <see cref="Activity.Current"/> is left as it was: the span ends on
    /// whichever thread the answer arrives, not in the caller's flow.</summary>
    internal static Activity? StartCall(KmsCommand command)
    {
        if (!Source.HasListeners())
            return null;
        var previous = Activity.Current;
        var operation = command.Operation;
        var activity = Source.StartActivity(SpanNames.GetOrAdd(operation, static op => "KMS." + op), ActivityKind.Client);
        if (activity is null)
            return null;
        Activity.Current = previous;
        if (activity.IsAllDataRequested)
        {
            activity.SetTag("rpc.system", "aws-api");
            activity.SetTag("rpc.service", "KMS");
            activity.SetTag("rpc.method", operation);
            activity.SetTag("cloud.region", command.Region);
            activity.SetTag("aws.request_id", command.RequestId);
            activity.SetTag(CallerTag, command.Caller.PrincipalArn);
            if (KeyOf(RequestKeys, command.Request, RequestKeyReader) is { } keyId)
                activity.SetTag(KeyIdTag, keyId);
        }
        return activity;
    }

    /// <summary>The reply of a traced call: ends <paramref name="activity"/> with the outcome once it completes.</summary>
    internal static async Task<TResponse> Traced<TResponse>(Task<TResponse> reply, Activity activity)
    {
        TResponse response;
        try
        {
            response = await reply.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            End(activity, error);
            throw;
        }
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(OutcomeTag, "success");
            if (response is not null && KeyOf(ResponseKeys, response, ResponseKeyReader) is { } keyArn)
                activity.SetTag(KeyIdTag, keyArn);
        }
        activity.Stop();
        return response;
    }

    /// <summary>Ends a call's span with its error: the AWS error code as error.type, the span's status Error.</summary>
    internal static void End(Activity activity, Exception error)
    {
        activity.SetTag(OutcomeTag, "failure");
        activity.SetTag(ErrorTypeTag, error is KmsException kms ? kms.ErrorCode : error.GetType().FullName);
        activity.SetStatus(ActivityStatusCode.Error, error is KmsException { ErrorMessage: { } message } ? message : error.Message);
        activity.Stop();
    }

    private static string? KeyOf(ConcurrentDictionary<Type, Func<object, string?>?> readers, object record, Func<Type, Func<object, string?>?> reader) =>
        readers.GetOrAdd(record.GetType(), reader) is { } read ? read(record) : null;

    // The member a request names its key by (KeyId on most, TargetKeyId on aliases).
    private static Func<object, string?>? RequestKeyReader(Type type) =>
        Member(type, "KeyId") ?? Member(type, "TargetKeyId");

    // What an answer says the key is: KeyId (an ARN on every operation that has it) or KeyMetadata.Arn.
    private static Func<object, string?>? ResponseKeyReader(Type type)
    {
        if (Member(type, "KeyId") is { } keyId)
            return keyId;
        var metadata = type.GetProperty("KeyMetadata", typeof(KeyMetadata));
        return metadata is null ? null : record => (metadata.GetValue(record) as KeyMetadata)?.Arn;
    }

    private static Func<object, string?>? Member(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { PropertyType: var t } property && t == typeof(string)
            ? record => (string?)property.GetValue(record)
            : null;
}
