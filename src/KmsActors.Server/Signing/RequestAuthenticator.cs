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

    // Each caller's identity without the per-request members, its principal ARN parsed once: the engine reads the parsed
    // principal on every authorized call, and a `with` copy keeps it.
    private readonly CallerIdentity _defaultRoot = Parsed(CallerIdentity.Root(settings.DefaultAccountId));
    private readonly Dictionary<string, CallerIdentity>.AlternateLookup<ReadOnlySpan<char>> _callerLookup = settings.Credentials.Values
        .ToDictionary(c => c.AccessKeyId, c => Parsed(new CallerIdentity(c.AccountId, c.PrincipalArn, c.AccessKeyId)), StringComparer.Ordinal)
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The identity made last: a client sending call after call (same key, address and agent) gets it again
    /// instead of a copy per call. One entry, replaced whole, so readers on other threads see one or the other.</summary>
    private CallerIdentity? _last;

    private string _lastRegion = settings.DefaultRegion;

    /// <exception cref="KmsException">With signature checks on: the AWS authentication error.</exception>
    public (CallerIdentity Caller, string Region) Authenticate(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var header = request.Headers.Authorization.ToString();
        var sourceIp = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        var userAgent = UserAgentOr(request.Headers.UserAgent.ToString());
        if (!SigV4Authorization.TryLocate(header, out var parts, out var problem))
        {
            if (Settings.VerifySignatures)
                throw new KmsException(string.IsNullOrWhiteSpace(header) ? MissingAuthenticationToken : IncompleteSignature, problem);
            return (Identify(_defaultRoot, "", sourceIp, userAgent), Settings.DefaultRegion);
        }
        var known = _callerLookup.TryGetValue(parts.AccessKeyId, out var who);
        if (Settings.VerifySignatures)
        {
            if (!known)
                throw new KmsException(UnrecognizedClient, "The security token included in the request is invalid.");
            SigV4Authorization.TryParse(header, out var authorization, out _);
            if (!SigV4Verifier.IsValid(request, body, authorization!, Settings.Credentials[who!.AccessKeyId].SecretKey, (clock ?? TimeProvider.System).GetUtcNow(), out problem))
                throw new KmsException(problem.StartsWith("Authorization header", StringComparison.Ordinal) ? IncompleteSignature : InvalidSignature, problem);
        }
        var caller = known ? Identify(who!, who!.AccessKeyId, sourceIp, userAgent) : Identify(_defaultRoot, parts.AccessKeyId, sourceIp, userAgent);
        return (caller, RegionOf(parts.Region));
    }

    /// <summary>The caller <paramref name="who"/> with this call's access key, address and agent: the last one made
    /// when they are the same (no string is made for an access key it already holds).</summary>
    private CallerIdentity Identify(CallerIdentity who, ReadOnlySpan<char> accessKeyId, string sourceIp, string userAgent)
    {
        var last = _last;
        if (last is not null && ReferenceEquals(last.PrincipalArn, who.PrincipalArn) && last.AccountId == who.AccountId
            && accessKeyId.SequenceEqual(last.AccessKeyId) && last.SourceIpAddress == sourceIp && last.UserAgent == userAgent)
            return last;
        var caller = who with { AccessKeyId = accessKeyId.ToString(), SourceIpAddress = sourceIp, UserAgent = userAgent };
        _last = caller;
        return caller;
    }

    /// <summary>The credential scope's region as a string: the last one seen again, or a new string.</summary>
    private string RegionOf(ReadOnlySpan<char> region)
    {
        var last = _lastRegion;
        if (region.SequenceEqual(last))
            return last;
        var made = region.ToString();
        _lastRegion = made;
        return made;
    }

    private static CallerIdentity Parsed(CallerIdentity identity)
    {
        _ = identity.Principal;
        return identity;
    }

    private static string UserAgentOr(string userAgent) => string.IsNullOrEmpty(userAgent) ? "KmsActors" : userAgent;
}
