using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Http;

namespace KmsActors.Server.Signing;

/// <summary>
/// Who calls and in which region, from the SigV4 Authorization header: the access key names the caller
/// (kms.server.credentials), the credential scope names the region. With kms.server.verify-signatures = off,
/// unknown or absent credentials are the default account's root in the default region.
/// </summary>
public sealed class RequestAuthenticator(KmsServerSettings settings, TimeProvider? clock = null)
{
    public const string MissingAuthenticationToken = "MissingAuthenticationTokenException";
    public const string IncompleteSignature = "IncompleteSignatureException";
    public const string InvalidSignature = "InvalidSignatureException";
    public const string UnrecognizedClient = "UnrecognizedClientException";

    public KmsServerSettings Settings { get; } = settings;

    /// <exception cref="KmsException">With signature checks on: the AWS authentication error.</exception>
    public (CallerIdentity Caller, string Region) Authenticate(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var header = request.Headers.Authorization.ToString();
        var sourceIp = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        var userAgent = request.Headers.UserAgent.ToString();
        if (!SigV4Authorization.TryParse(header, out var authorization, out var problem))
        {
            if (Settings.VerifySignatures)
                throw new KmsException(string.IsNullOrWhiteSpace(header) ? MissingAuthenticationToken : IncompleteSignature, problem);
            return (Root(Settings.DefaultAccountId, "", sourceIp, userAgent), Settings.DefaultRegion);
        }
        var known = Settings.Credentials.TryGetValue(authorization!.AccessKeyId, out var credential);
        if (Settings.VerifySignatures)
        {
            if (!known)
                throw new KmsException(UnrecognizedClient, "The security token included in the request is invalid.");
            if (!SigV4Verifier.IsValid(request, body, authorization, credential!.SecretKey, (clock ?? TimeProvider.System).GetUtcNow(), out problem))
                throw new KmsException(problem.StartsWith("Authorization header", StringComparison.Ordinal) ? IncompleteSignature : InvalidSignature, problem);
        }
        var caller = known
            ? new CallerIdentity(credential!.AccountId, credential.PrincipalArn, credential.AccessKeyId, sourceIp, UserAgentOr(userAgent))
            : Root(Settings.DefaultAccountId, authorization.AccessKeyId, sourceIp, userAgent);
        return (caller, authorization.Region);
    }

    private static CallerIdentity Root(string accountId, string accessKeyId, string sourceIp, string userAgent) =>
        CallerIdentity.Root(accountId) with { AccessKeyId = accessKeyId, SourceIpAddress = sourceIp, UserAgent = UserAgentOr(userAgent) };

    private static string UserAgentOr(string userAgent) => string.IsNullOrEmpty(userAgent) ? "KmsActors" : userAgent;
}
