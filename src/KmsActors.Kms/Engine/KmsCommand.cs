namespace KmsActors.Kms.Engine;

/// <summary>
/// One KMS API call travelling through the engine: <see cref="Request"/> is one of the Model request records
/// (e.g. <c>EncryptRequest</c>). The actor that answers replies to the original sender with the matching
/// response record, or with <c>Status.Failure(KmsException)</c>, and publishes the call's audit record.
/// </summary>
public sealed record KmsCommand(object Request, CallerIdentity Caller, string Region, string RequestId)
{
    /// <summary>The AWS operation name, e.g. "Encrypt" for an EncryptRequest.</summary>
    public string Operation => OperationOf(Request);

    public static string OperationOf(object request) => Operations.GetOrAdd(request.GetType(), static type =>
        type.Name.EndsWith("Request", StringComparison.Ordinal) ? type.Name[..^"Request".Length] : type.Name);

    // Read for every call's audit record: the name is cut from the type name once per type, not per call.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> Operations = new();
}
