using System.Globalization;
using System.IO.Compression;
using System.Text;
using KmsActors.Kms.Model;

namespace KmsActors.Console.Infrastructure.Material;

/// <summary>
/// The "Download wrapping key and import token" zip, laid out as AWS's console lays out its download (docs/console.md):
/// ImportParameters.zip holding wrappingKey_&lt;key ID&gt; (the wrapping public key, DER SubjectPublicKeyInfo, the bytes
/// GetParametersForImport returns), importToken_&lt;key ID&gt; (the import token's bytes) and README_&lt;key ID&gt;.txt
/// (what they are and when they expire).
/// </summary>
public static class ImportParametersZip
{
    public const string FileName = "ImportParameters.zip";

    public static string WrappingKeyEntry(string keyId) => $"wrappingKey_{keyId}";

    public static string ImportTokenEntry(string keyId) => $"importToken_{keyId}";

    public static string ReadmeEntry(string keyId) => $"README_{keyId}.txt";

    public static byte[] Create(string keyId, GetParametersForImportResponse parameters, WrappingKeySpec spec, AlgorithmSpec algorithm, DateTimeOffset downloadedAt)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, WrappingKeyEntry(keyId), parameters.PublicKey ?? [], downloadedAt);
            Add(zip, ImportTokenEntry(keyId), parameters.ImportToken ?? [], downloadedAt);
            Add(zip, ReadmeEntry(keyId), Encoding.UTF8.GetBytes(Readme(keyId, parameters, spec, algorithm)), downloadedAt);
        }
        return buffer.ToArray();
    }

    public static string Readme(string keyId, GetParametersForImportResponse parameters, WrappingKeySpec spec, AlgorithmSpec algorithm)
    {
        var expires = parameters.ParametersValidTo is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "unknown";
        return $"""
            Wrapping key and import token for the KMS key {parameters.KeyId ?? keyId}

            Wrapping key spec:  {spec}
            Wrapping algorithm: {algorithm}
            Expires at:         {expires}

            {WrappingKeyEntry(keyId)}
                The wrapping public key (DER-encoded X.509 SubjectPublicKeyInfo). Encrypt your key material with it,
                using the wrapping algorithm {algorithm}.
            {ImportTokenEntry(keyId)}
                The import token. Upload it with the encrypted key material.

            The wrapping key and the import token are a set: use them together, for this KMS key only, before
            {expires} (24 hours after the download). After that, download a new set.

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes, DateTimeOffset at)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = at;
        using var stream = entry.Open();
        stream.Write(bytes);
    }
}
