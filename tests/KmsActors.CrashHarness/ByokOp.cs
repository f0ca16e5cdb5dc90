namespace KmsActors.CrashHarness;

/// <summary>The operations the harness's workers run; the names appear in <see cref="AckLine.Op"/>.</summary>
public static class ByokOp
{
    /// <summary>CreateKey Origin=EXTERNAL. Args: description.</summary>
    public const string CreateKey = "CreateKey";
    /// <summary>GetParametersForImport + ImportKeyMaterial of the key's own material. Args: ValidTo in Unix seconds, or "none".</summary>
    public const string Import = "Import";
    /// <summary>Encrypt. Args (ACK only): plaintext and ciphertext blob, base64.</summary>
    public const string Encrypt = "Encrypt";
    public const string DeleteMaterial = "DeleteImportedKeyMaterial";
    public const string Disable = "DisableKey";
    public const string Enable = "EnableKey";
    /// <summary>Args: pending window in days.</summary>
    public const string ScheduleDeletion = "ScheduleKeyDeletion";
    public const string CancelDeletion = "CancelKeyDeletion";
    /// <summary>Args: tag key, tag value.</summary>
    public const string Tag = "TagResource";
    /// <summary>Args: description.</summary>
    public const string Describe = "UpdateKeyDescription";
    /// <summary>Args: alias name.</summary>
    public const string Alias = "CreateAlias";

    /// <summary>The material every import of <paramref name="keyId"/> brings: derived from the key ID, so a verifier
    /// (and the next run of the harness) reimports the same material without having to store it.</summary>
    public static byte[] MaterialOf(string keyId) =>
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("crash-harness-material:" + keyId));
}
