using System.Globalization;
using System.Security.Cryptography;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using KmsActors.Kms.Model;

namespace KmsActors.Hosting.Seeding;

/// <summary>
/// One entry of kms.seed.keys: a key created at startup under a fixed key ID, with aliases and (for EXTERNAL keys)
/// known imported material. See hocon/reference.conf for the format.
/// </summary>
public sealed record KmsSeedKey
{
    /// <summary>"kms.seed.keys[i]", for messages.</summary>
    public required string Path { get; init; }
    public required string KeyId { get; init; }
    public string? Region { get; init; }
    public required KeySpec KeySpec { get; init; }
    public required KeyUsageType KeyUsage { get; init; }
    public required OriginType Origin { get; init; }
    public string Description { get; init; } = "";
    public bool MultiRegion { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>The plaintext material to import (raw bytes, or PKCS#8 DER for asymmetric specs); null: none.</summary>
    public byte[]? Material { get; init; }
    public ExpirationModelType ExpirationModel { get; init; } = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE;
    public DateTimeOffset? ValidTo { get; init; }

    /// <summary>Reads kms.seed.keys from <paramref name="config"/> (none: empty).</summary>
    /// <exception cref="KmsSeedException">An entry is malformed.</exception>
    public static IReadOnlyList<KmsSeedKey> ReadAll(Config config)
    {
        if (!config.HasPath("kms.seed.keys"))
            return [];
        var entries = config.GetValue("kms.seed.keys").GetArray();
        return entries.Select((value, i) => Read(new Config(new HoconRoot(value)), $"kms.seed.keys[{i}]")).ToList();
    }

    private static KmsSeedKey Read(Config entry, string path)
    {
        string? Text(string name) => entry.HasPath(name) && entry.GetString(name) is { Length: > 0 } s ? s : null;
        TEnum Enum<TEnum>(string name, TEnum fallback) where TEnum : struct, Enum =>
            Text(name) is not { } raw ? fallback
            : System.Enum.TryParse<TEnum>(raw, ignoreCase: false, out var parsed) && System.Enum.IsDefined(parsed) ? parsed
            : throw new KmsSeedException($"{path}.{name} = {raw} is not a {typeof(TEnum).Name} (one of {string.Join(", ", System.Enum.GetNames<TEnum>())}).");

        var keyId = Text("key-id") ?? throw new KmsSeedException($"{path} has no key-id: give the fixed key ID (a UUID, or mrk- and 32 hex digits for a multi-Region key).");
        var spec = Enum("key-spec", KeySpec.SYMMETRIC_DEFAULT);
        var material = ReadMaterial(Text("material-hex"), Text("material-file"), path);
        var origin = Enum("origin", material is null ? OriginType.AWS_KMS : OriginType.EXTERNAL);
        if (material is not null && origin != OriginType.EXTERNAL)
            throw new KmsSeedException($"{path} gives key material but origin = {origin}: imported material needs origin = EXTERNAL.");
        DateTimeOffset? validTo = Text("valid-to") is { } rawValidTo
            ? DateTimeOffset.TryParse(rawValidTo, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsedValidTo) ? parsedValidTo
              : throw new KmsSeedException($"{path}.valid-to = {rawValidTo} is not an ISO 8601 date (e.g. 2027-01-31T00:00:00Z).")
            : null;
        var expiration = Enum("expiration-model", validTo is null ? ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE : ExpirationModelType.KEY_MATERIAL_EXPIRES);
        if (expiration == ExpirationModelType.KEY_MATERIAL_EXPIRES && validTo is null)
            throw new KmsSeedException($"{path}: expiration-model = KEY_MATERIAL_EXPIRES needs valid-to.");

        return new KmsSeedKey
        {
            Path = path,
            KeyId = keyId,
            Region = Text("region"),
            KeySpec = spec,
            KeyUsage = Enum("key-usage", DefaultUsage(spec)),
            Origin = origin,
            Description = Text("description") ?? "",
            MultiRegion = entry.GetBoolean("multi-region", keyId.StartsWith("mrk-", StringComparison.Ordinal)),
            Aliases = entry.HasPath("aliases") ? entry.GetStringList("aliases").ToList() : [],
            Material = material,
            ExpirationModel = expiration,
            ValidTo = validTo,
        };
    }

    private static KeyUsageType DefaultUsage(KeySpec spec) => spec.ToString() switch
    {
        var s when s.StartsWith("HMAC_", StringComparison.Ordinal) => KeyUsageType.GENERATE_VERIFY_MAC,
        var s when s.StartsWith("ECC_", StringComparison.Ordinal) || s.StartsWith("ML_DSA", StringComparison.Ordinal) => KeyUsageType.SIGN_VERIFY,
        _ => KeyUsageType.ENCRYPT_DECRYPT,
    };

    private static byte[]? ReadMaterial(string? hex, string? file, string path)
    {
        if (hex is not null && file is not null)
            throw new KmsSeedException($"{path} gives both material-hex and material-file: keep one.");
        if (hex is not null)
        {
            try
            {
                return Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
            }
            catch (FormatException error)
            {
                throw new KmsSeedException($"{path}.material-hex is not hexadecimal: {error.Message}", error);
            }
        }
        if (file is null)
            return null;
        var full = System.IO.Path.GetFullPath(file);
        if (!File.Exists(full))
            throw new KmsSeedException($"{path}.material-file: {full} does not exist.");
        var bytes = File.ReadAllBytes(full);
        // A PEM file ("-----BEGIN PRIVATE KEY-----") holds the DER in base64; anything else is taken as raw bytes.
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        return text.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal) && PemEncoding.TryFind(text, out var pem)
            ? Convert.FromBase64String(text[pem.Base64Data])
            : bytes;
    }
}
