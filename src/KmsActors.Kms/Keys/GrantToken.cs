using System.Security.Cryptography;
using System.Text;

namespace KmsActors.Kms.Keys;

/// <summary>
/// Grant tokens (docs/grants.md): opaque to callers, as AWS's, but they carry the key ARN and the grant ID so that
/// RetireGrant with a token alone can be routed to its key, and a grant used with its token is recognised at once.
/// Each CreateGrant call gets a different token (a nonce from its request ID), as AWS's do; all tokens of one grant
/// are interchangeable. Base64url of "kmsactors-grant-token/1|key ARN|grant ID|nonce".
/// </summary>
public static class GrantToken
{
    private const string Prefix = "kmsactors-grant-token/1";

    /// <summary>A new token for the grant, different for every <paramref name="requestId"/>.</summary>
    public static string Issue(string keyArn, string grantId, string requestId)
    {
        var nonce = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"grant-token/{keyArn}/{grantId}/{requestId}")));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Prefix}|{keyArn}|{grantId}|{nonce}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads a token; false for anything CreateGrant did not issue.</summary>
    public static bool TryRead(string? token, out string keyArn, out string grantId)
    {
        keyArn = grantId = "";
        if (string.IsNullOrEmpty(token) || token.Length > 8192)
            return false;
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
            return false;
        var parts = Encoding.UTF8.GetString(bytes, 0, length).Split('|');
        if (parts.Length != 4 || parts[0] != Prefix || !parts[1].StartsWith("arn:", StringComparison.Ordinal) || parts[2].Length != 64)
            return false;
        (keyArn, grantId) = (parts[1], parts[2]);
        return true;
    }
}
