namespace KmsActors.Kms.Keys;

/// <summary>The reply to an AWS operation that has no output shape (EnableKey, DisableKey, TagResource, PutKeyPolicy, …):
/// the server renders it as <c>{}</c>, as AWS does.</summary>
public sealed record EmptyResponse
{
    public static readonly EmptyResponse Instance = new();
}
