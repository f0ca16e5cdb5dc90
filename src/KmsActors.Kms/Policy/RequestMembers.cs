using System.Collections.Concurrent;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Policy;

/// <summary>The members of a request that grants look at: its encryption context (ReEncrypt: the side being
/// authorized) and its grant tokens.</summary>
internal static class RequestMembers
{
    private static readonly ConcurrentDictionary<Type, Func<object, object?>?> Tokens = new();

    public static IReadOnlyDictionary<string, string>? EncryptionContextOf(object request, bool destination = false) => request switch
    {
        EncryptRequest r => r.EncryptionContext,
        DecryptRequest r => r.EncryptionContext,
        GenerateDataKeyRequest r => r.EncryptionContext,
        GenerateDataKeyWithoutPlaintextRequest r => r.EncryptionContext,
        GenerateDataKeyPairRequest r => r.EncryptionContext,
        GenerateDataKeyPairWithoutPlaintextRequest r => r.EncryptionContext,
        ReEncryptRequest r => destination ? r.DestinationEncryptionContext : r.SourceEncryptionContext,
        _ => null,
    };

    public static IReadOnlyList<string>? GrantTokensOf(object request)
    {
        var member = Tokens.GetOrAdd(request.GetType(), static type =>
            type.GetProperty("GrantTokens", typeof(IReadOnlyList<string>)) is { } property ? PropertyGetter.Compile(property) : null);
        return (IReadOnlyList<string>?)member?.Invoke(request);
    }
}
