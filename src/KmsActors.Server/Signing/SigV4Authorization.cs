namespace KmsActors.Server.Signing;

/// <summary>
/// The parts of an <c>Authorization: AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/kms/aws4_request,
/// SignedHeaders=host;x-amz-date, Signature=…</c> header.
/// </summary>
public sealed record SigV4Authorization(
    string AccessKeyId,
    string Date,
    string Region,
    string Service,
    IReadOnlyList<string> SignedHeaders,
    string Signature)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The credential scope: date/region/service/aws4_request.</summary>
    public string Scope => $"{Date}/{Region}/{Service}/aws4_request";

    /// <summary>Parses the header; on failure <paramref name="problem"/> says what is wrong, in AWS's words.</summary>
    public static bool TryParse(string? header, out SigV4Authorization? authorization, out string problem)
    {
        authorization = null;
        if (!TryLocate(header, out var parts, out problem))
            return false;
        var names = new string[parts.SignedHeaders.Count(';') + 1];
        var i = 0;
        foreach (var name in parts.SignedHeaders.Split(';'))
            names[i++] = parts.SignedHeaders[name].ToString();
        authorization = new SigV4Authorization(parts.AccessKeyId.ToString(), parts.Date.ToString(), parts.Region.ToString(),
            parts.Service.ToString(), names, parts.Signature.ToString());
        return true;
    }

    /// <summary>The header's parts, found in place: the same checks as <see cref="TryParse"/> without a string for
    /// each part, for callers that need only some (the access key and region, while signatures are not checked).</summary>
    public static bool TryLocate(string? header, out Parts parts, out string problem)
    {
        parts = default;
        if (string.IsNullOrWhiteSpace(header))
        {
            problem = "Missing Authentication Token";
            return false;
        }
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            problem = $"Authorization header requires the {Algorithm} algorithm; got '{header.Split(' ')[0]}'.";
            return false;
        }
        ReadOnlySpan<char> credential = default, signedHeaders = default, signature = default;
        var rest = header.AsSpan(Algorithm.Length + 1);
        foreach (var range in rest.Split(','))
        {
            var part = rest[range].Trim();
            var eq = part.IndexOf('=');
            if (eq <= 0)
                continue;
            var value = part[(eq + 1)..];
            switch (part[..eq])
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }
        if (credential.IsEmpty || signedHeaders.IsEmpty || signature.IsEmpty)
        {
            var missing = new[] { ("Credential", credential.IsEmpty), ("SignedHeaders", signedHeaders.IsEmpty), ("Signature", signature.IsEmpty) }
                .Where(p => p.Item2).Select(p => $"'{p.Item1}'");
            problem = $"Authorization header requires {string.Join(", ", missing)} parameter(s). Authorization={header}";
            return false;
        }
        // <access key>/<date>/<region>/<service>/aws4_request: exactly five parts, the first four not empty.
        Span<Range> scope = stackalloc Range[6];
        if (credential.Split(scope, '/') != 5 || !credential[scope[4]].SequenceEqual("aws4_request")
            || credential[scope[0]].IsEmpty || credential[scope[1]].IsEmpty || credential[scope[2]].IsEmpty || credential[scope[3]].IsEmpty)
        {
            problem = $"Credential should be scoped to a valid date, region and service: <access key>/<yyyyMMdd>/<region>/kms/aws4_request; got '{credential}'.";
            return false;
        }
        parts = new Parts(credential[scope[0]], credential[scope[1]], credential[scope[2]], credential[scope[3]], signedHeaders, signature);
        problem = "";
        return true;
    }

    /// <summary>The parts of a well-formed header, as spans of it.</summary>
    public readonly ref struct Parts(
        ReadOnlySpan<char> accessKeyId,
        ReadOnlySpan<char> date,
        ReadOnlySpan<char> region,
        ReadOnlySpan<char> service,
        ReadOnlySpan<char> signedHeaders,
        ReadOnlySpan<char> signature)
    {
        public ReadOnlySpan<char> AccessKeyId { get; } = accessKeyId;
        public ReadOnlySpan<char> Date { get; } = date;
        public ReadOnlySpan<char> Region { get; } = region;
        public ReadOnlySpan<char> Service { get; } = service;
        /// <summary>The header names, separated by ';'.</summary>
        public ReadOnlySpan<char> SignedHeaders { get; } = signedHeaders;
        public ReadOnlySpan<char> Signature { get; } = signature;
    }
}
