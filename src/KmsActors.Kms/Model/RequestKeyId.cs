using System.Collections.Concurrent;

namespace KmsActors.Kms.Model;

/// <summary>The <c>KeyId</c> member of a request record (ReEncrypt: <c>SourceKeyId</c>), as the caller wrote it; null
/// when the request has none or leaves it out. The frequent requests are read directly, others through a compiled getter.</summary>
internal static class RequestKeyId
{
    private static readonly ConcurrentDictionary<Type, Func<object, object?>?> Members = new();

    /// <summary>False when the request type has no KeyId member at all.</summary>
    public static bool TryRead(object request, out string? keyId)
    {
        switch (request)
        {
            case EncryptRequest r: keyId = r.KeyId; return true;
            case DecryptRequest r: keyId = r.KeyId; return true;
            case GenerateDataKeyRequest r: keyId = r.KeyId; return true;
            case GenerateDataKeyWithoutPlaintextRequest r: keyId = r.KeyId; return true;
            case GenerateMacRequest r: keyId = r.KeyId; return true;
            case VerifyMacRequest r: keyId = r.KeyId; return true;
            case SignRequest r: keyId = r.KeyId; return true;
            case VerifyRequest r: keyId = r.KeyId; return true;
            case DescribeKeyRequest r: keyId = r.KeyId; return true;
            case ReEncryptRequest r: keyId = r.SourceKeyId; return true;
        }
        var member = Members.GetOrAdd(request.GetType(), static type => type.GetProperty("KeyId", typeof(string)) is { } property ? PropertyGetter.Compile(property) : null);
        keyId = (string?)member?.Invoke(request);
        return member is not null;
    }
}
