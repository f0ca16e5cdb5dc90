using KmsActors.Kms.Model;

namespace KmsActors.Hosting.Metrics;

/// <summary>The instruments of the "KmsActors" meter and their tags.</summary>
public static class KmsMetricNames
{
    public const string MeterName = "KmsActors";

    /// <summary>Counter: API calls answered, tagged <see cref="OperationTag"/> and <see cref="OutcomeTag"/>.</summary>
    public const string Requests = "kms.requests";

    /// <summary>Histogram (seconds): time to answer an API call, tagged like <see cref="Requests"/>.</summary>
    public const string RequestDuration = "kms.request.duration";

    /// <summary>Observable gauge: keys by <see cref="StateTag"/> (AWS KeyState), as the key actors last reported.</summary>
    public const string Keys = "kms.keys";

    /// <summary>Observable gauge: wrapping key pairs ready in the pool, by <see cref="WrappingKeySpecTag"/>.</summary>
    public const string WrappingKeysAvailable = "kms.import.wrapping_keys.available";

    /// <summary>Observable gauge (seconds), AWS/KMS's per-key metric: time left until the key's imported material
    /// expires, by <see cref="KeyIdTag"/>; only EXTERNAL keys whose material expires (docs/byok.md).</summary>
    public const string SecondsUntilKeyMaterialExpiration = "SecondsUntilKeyMaterialExpiration";

    public const string OperationTag = "operation";
    public const string OutcomeTag = "outcome";
    public const string StateTag = "state";
    public const string WrappingKeySpecTag = "wrapping_key_spec";
    public const string KeyIdTag = "KeyId";

    /// <summary>The outcome of a call that answered its response record; failures carry the AWS error code.</summary>
    public const string SuccessOutcome = "Success";

    /// <summary>The AWS error code of a failed call (e.g. "NotFoundException"), or the exception's type name.</summary>
    public static string OutcomeOf(Exception error) => error is KmsException kms ? kms.ErrorCode : error.GetType().Name;
}
