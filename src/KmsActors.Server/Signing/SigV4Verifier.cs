using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace KmsActors.Server.Signing;

/// <summary>
/// Recomputes a request's SigV4 signature (AWS General Reference, "Create a signed AWS API request"): canonical
/// request → string to sign → HMAC chain over date, region, service → hex signature.
/// </summary>
public static class SigV4Verifier
{
    /// <summary>How far a request's X-Amz-Date may be from the server's clock, either way.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(15);

    /// <summary>True when <paramref name="authorization"/>'s signature is the one <paramref name="secretKey"/> gives for this request, signed within 15 minutes of <paramref name="now"/>.</summary>
    /// <param name="now">The server's wall clock (the HTTP layer's, not the engine's scheduler).</param>
    public static bool IsValid(HttpRequest request, ReadOnlySpan<byte> body, SigV4Authorization authorization, string secretKey, DateTimeOffset now, out string problem)
    {
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (string.IsNullOrEmpty(amzDate))
            amzDate = request.Headers.Date.ToString();
        if (string.IsNullOrEmpty(amzDate))
        {
            problem = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
            return false;
        }
        // AWS: a signature is good for 15 minutes either side of the server's clock.
        if (DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            && (signedAt - now).Duration() > MaxClockSkew)
        {
            problem = $"Signature expired: {amzDate} is now earlier than {(now - MaxClockSkew).UtcDateTime:yyyyMMdd'T'HHmmss'Z'} ({now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'} - 15 min.)";
            return false;
        }
        var expected = Signature(request, body, authorization, secretKey, amzDate);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(authorization.Signature)))
        {
            problem = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
            return false;
        }
        problem = "";
        return true;
    }

    /// <summary>The hex signature of the request as the client should have computed it.</summary>
    public static string Signature(HttpRequest request, ReadOnlySpan<byte> body, SigV4Authorization authorization, string secretKey, string amzDate)
    {
        var canonicalRequest = CanonicalRequest(request, body, authorization.SignedHeaders);
        var stringToSign = string.Join('\n',
            SigV4Authorization.Algorithm,
            amzDate,
            authorization.Scope,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(authorization.Date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(authorization.Region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(authorization.Service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>Method, URI, query, signed headers and payload hash, each on its own line.</summary>
    public static string CanonicalRequest(HttpRequest request, ReadOnlySpan<byte> body, IReadOnlyList<string> signedHeaders)
    {
        var text = new StringBuilder(512);
        text.Append(request.Method).Append('\n');
        var path = (request.PathBase + request.Path).ToUriComponent();
        text.Append(path.Length == 0 ? "/" : path).Append('\n');
        text.Append(CanonicalQuery(request.QueryString.Value)).Append('\n');
        foreach (var name in signedHeaders)
            text.Append(name).Append(':').Append(CanonicalHeaderValue(request, name)).Append('\n');
        text.Append('\n');
        text.Append(string.Join(';', signedHeaders)).Append('\n');
        var declared = request.Headers["X-Amz-Content-Sha256"].ToString();
        text.Append(declared == "UNSIGNED-PAYLOAD" ? declared : Convert.ToHexStringLower(SHA256.HashData(body)));
        return text.ToString();
    }

    private static string CanonicalHeaderValue(HttpRequest request, string name)
    {
        var values = name == "host" ? request.Host.Value ?? "" : string.Join(',', request.Headers[name].Select(v => v ?? ""));
        // AWS: trim, and collapse sequential spaces to one.
        var collapsed = new StringBuilder(values.Length);
        foreach (var c in values.Trim())
        {
            if (c == ' ' && collapsed.Length > 0 && collapsed[^1] == ' ')
                continue;
            collapsed.Append(c);
        }
        return collapsed.ToString();
    }

    private static string CanonicalQuery(string? query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
            return "";
        var pairs = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Contains('=') ? pair : pair + "=")
            .Select(pair => (Name: Reencode(pair[..pair.IndexOf('=')]), Value: Reencode(pair[(pair.IndexOf('=') + 1)..])))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => $"{p.Name}={p.Value}"));
    }

    private static string Reencode(string component) => Uri.EscapeDataString(Uri.UnescapeDataString(component.Replace('+', ' ')));
}
