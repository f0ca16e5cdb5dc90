using System.Security.Cryptography;
using Akka.Event;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Services;

namespace KmsActors.Kms.Persistence;

/// <summary>
/// The engine master key that seals material data keys: kms.persistence.master-key (base64 of 32 bytes), else
/// <c>&lt;data-dir&gt;/master.key</c>, created 0600 on first start (with a warning: it lies next to the data it protects).
/// The in-memory journal, which keeps nothing, uses a random key per actor system.
/// </summary>
internal static class MasterKey
{
    public const string FileName = "master.key";

    public static byte[] Load(KmsSettings settings, bool durable, ILoggingAdapter log)
    {
        if (!string.IsNullOrWhiteSpace(settings.MasterKey))
            return Decode(settings.MasterKey);
        if (!durable)
            return RandomNumberGenerator.GetBytes(32);
        var path = Path.Combine(settings.DataDir, FileName);
        log.Warning(
            "Key material is sealed under a master key read from {0}, a file next to the database it protects: whoever can read both can read the material. " +
            "Set kms.persistence.master-key (base64 of 32 random bytes, e.g. from `openssl rand -base64 32`) from a secret store instead. " +
            "Changing it later makes material already sealed unreadable.", path);
        return KmsServices.LoadOrCreateEngineKey(path);
    }

    private static byte[] Decode(string configured)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(configured.Trim());
        }
        catch (FormatException e)
        {
            throw new Akka.Configuration.ConfigurationException("kms.persistence.master-key is not base64: expected base64 of exactly 32 bytes (e.g. from `openssl rand -base64 32`).", e);
        }
        return key.Length == 32
            ? key
            : throw new Akka.Configuration.ConfigurationException($"kms.persistence.master-key holds {key.Length} bytes: expected base64 of exactly 32 bytes.");
    }
}
