using KmsActors.Kms.Model;

namespace KmsActors.Console.Infrastructure;

/// <summary>How AWS's console words a key's properties in its tables and detail pages (docs/console.md): "External"
/// for imported keys' Origin, "Encrypt and decrypt" for ENCRYPT_DECRYPT, "Pending import" for PendingImport, …</summary>
public static class KeyWords
{
    public static string Origin(OriginType? origin) => origin switch
    {
        OriginType.AWS_KMS => "AWS KMS",
        OriginType.EXTERNAL => "External",
        OriginType.AWS_CLOUDHSM => "AWS CloudHSM",
        OriginType.EXTERNAL_KEY_STORE => "External key store",
        _ => "—",
    };

    public static string Usage(KeyUsageType? usage) => usage switch
    {
        KeyUsageType.ENCRYPT_DECRYPT => "Encrypt and decrypt",
        KeyUsageType.SIGN_VERIFY => "Sign and verify",
        KeyUsageType.GENERATE_VERIFY_MAC => "Generate and verify MAC",
        KeyUsageType.KEY_AGREEMENT => "Key agreement",
        _ => "—",
    };

    public static string State(KeyState? state) => state switch
    {
        KeyState.PendingImport => "Pending import",
        KeyState.PendingDeletion => "Pending deletion",
        KeyState.PendingReplicaDeletion => "Pending replica deletion",
        null => "—",
        _ => state.Value.ToString(),
    };

    /// <summary>Symmetric, Asymmetric or HMAC, from the key spec.</summary>
    public static string Type(KeySpec? spec) => spec switch
    {
        KeySpec.SYMMETRIC_DEFAULT => "Symmetric",
        { } s when s.ToString().StartsWith("HMAC_", StringComparison.Ordinal) => "HMAC",
        null => "—",
        _ => "Asymmetric",
    };

    /// <summary>The key material expiry column: ValidTo for imported material that expires, "Does not expire" for
    /// imported material that does not, "—" where there is none (not imported, or not an EXTERNAL key).</summary>
    public static string MaterialExpiry(KeyMetadata key) => key switch
    {
        { Origin: not OriginType.EXTERNAL } => "—",
        { ExpirationModel: ExpirationModelType.KEY_MATERIAL_EXPIRES, ValidTo: { } validTo } => Timestamp(validTo),
        { ExpirationModel: ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE } => "Does not expire",
        _ => "—",
    };

    public static string Regionality(KeyMetadata key) => key.MultiRegion == true
        ? key.MultiRegionConfiguration?.MultiRegionKeyType == MultiRegionKeyType.REPLICA ? "Multi-Region replica" : "Multi-Region primary"
        : "Single-Region";

    /// <summary>A date as the console shows it, in UTC.</summary>
    public static string Timestamp(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("MMM d, yyyy HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
