namespace KmsActors.Kms.Model;

/// <summary>
/// An AWS KMS error: <see cref="ErrorCode"/> is the wire <c>__type</c> (see <see cref="KmsErrorCodes"/>),
/// <see cref="ErrorMessage"/> the text AWS would send, or null where AWS's answer has no <c>message</c> member at all
/// (KMSInvalidSignatureException, KMSInvalidMacException, InvalidCiphertextException; docs/check-order.md).
/// <see cref="Exception.Message"/> is <see cref="ErrorMessage"/>, or the bare error code when there is none.
/// </summary>
public sealed class KmsException : Exception
{
    public KmsException(string errorCode, string? message) : base(message ?? errorCode)
    {
        ErrorCode = errorCode;
        ErrorMessage = message;
    }

    public string ErrorCode { get; }

    /// <summary>The wire <c>message</c>; null when AWS sends none (the server then omits the member).</summary>
    public string? ErrorMessage { get; }

    /// <summary>True for errors KMS reports as the caller's fault (HTTP 400); false for KMSInternal, DependencyTimeout, KeyUnavailable.</summary>
    public bool IsClientError => ErrorCode is not (KmsErrorCodes.KMSInternalException or KmsErrorCodes.DependencyTimeoutException or KmsErrorCodes.KeyUnavailableException);

    public override string ToString() => ErrorMessage is null ? ErrorCode : $"{ErrorCode}: {ErrorMessage}";

    public static KmsException NotFound(string message) => new(KmsErrorCodes.NotFoundException, message);
    public static KmsException InvalidState(string message) => new(KmsErrorCodes.KMSInvalidStateException, message);
    public static KmsException Validation(string message) => new(KmsErrorCodes.ValidationException, message);
    public static KmsException Unsupported(string message) => new(KmsErrorCodes.UnsupportedOperationException, message);
    public static KmsException Disabled(string message) => new(KmsErrorCodes.DisabledException, message);
    public static KmsException IncorrectKeyMaterial(string message) => new(KmsErrorCodes.IncorrectKeyMaterialException, message);
    public static KmsException InvalidCiphertext(string message) => new(KmsErrorCodes.InvalidCiphertextException, message);

    /// <summary>Decrypt / ReEncrypt: AWS answers a ciphertext it cannot decrypt without any message.</summary>
    public static KmsException InvalidCiphertext() => new(KmsErrorCodes.InvalidCiphertextException, null);
    public static KmsException InvalidImportToken(string message) => new(KmsErrorCodes.InvalidImportTokenException, message);
    public static KmsException ExpiredImportToken(string message) => new(KmsErrorCodes.ExpiredImportTokenException, message);
    public static KmsException InvalidKeyUsage(string message) => new(KmsErrorCodes.InvalidKeyUsageException, message);
    public static KmsException Internal(string message) => new(KmsErrorCodes.KMSInternalException, message);

    /// <summary>A journal write failed (disk full, I/O error): nothing of the call was kept, and it can be retried.</summary>
    public static KmsException WriteFailed() =>
        Internal("The request was rejected because an internal exception occurred. The request can be retried.");

    /// <summary>A call refused because too many calls already wait for the same key or region (a bounded buffer is full,
    /// kms.max-held-calls-per-key / -per-region): AWS's ThrottlingException wording (docs/limits.md).</summary>
    public static KmsException Throttled() => new(KmsErrorCodes.ThrottlingException, Realism.RequestQuotas.ThrottlingMessage);
}
