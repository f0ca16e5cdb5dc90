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
        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
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
        var missing = new[] { ("Credential", credential), ("SignedHeaders", signedHeaders), ("Signature", signature) }
            .Where(p => string.IsNullOrEmpty(p.Item2)).Select(p => $"'{p.Item1}'").ToList();
        if (missing.Count > 0)
        {
            problem = $"Authorization header requires {string.Join(", ", missing)} parameter(s). Authorization={header}";
            return false;
        }
        var scope = credential!.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request" || scope.Take(4).Any(string.IsNullOrEmpty))
        {
            problem = $"Credential should be scoped to a valid date, region and service: <access key>/<yyyyMMdd>/<region>/kms/aws4_request; got '{credential}'.";
            return false;
        }
        authorization = new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], signedHeaders!.Split(';'), signature!);
        problem = "";
        return true;
    }
}
