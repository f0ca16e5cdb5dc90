using Akka.Actor;
using Akka.Configuration;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Configuration;

/// <summary>The kms.* section of the configuration, read once.</summary>
public sealed record KmsSettings
{
    public required string DataDir { get; init; }
    public required string AccountId { get; init; }
    public required string DefaultRegion { get; init; }
    public required string JournalProvider { get; init; }
    /// <summary>kms.journal.connection-string, or the SQLite default "Data Source=&lt;data-dir&gt;/kms.db"; empty for inmem.</summary>
    public required string JournalConnectionString { get; init; }
    /// <summary>kms.persistence.master-key: base64 of the 32-byte key that seals material data keys; empty for a generated key file.</summary>
    public required string MasterKey { get; init; }
    public required int SnapshotEvery { get; init; }
    public required TimeSpan PassivateAfter { get; init; }
    /// <summary>kms.max-live-keys: key actors a region runs at most, the least recently used passivated first; 0: no limit.</summary>
    public required int MaxLiveKeys { get; init; }
    /// <summary>kms.max-held-calls-per-key: calls one key holds while a write of it is in flight or while its actor
    /// stops and restarts; one more is refused with ThrottlingException.</summary>
    public int MaxHeldCallsPerKey { get; init; } = 10_000;
    /// <summary>kms.max-held-calls-per-region: calls a region holds behind an alias operation; one more is refused with
    /// ThrottlingException.</summary>
    public int MaxHeldCallsPerRegion { get; init; } = 100_000;
    public required IReadOnlyDictionary<WrappingKeySpec, int> WrappingPool { get; init; }
    public required TimeSpan ImportTokenValidity { get; init; }
    public required bool AllowLegacyPkcs1 { get; init; }
    /// <summary>kms.import.ready-wrapping-keys: issued tokens' wrapping keys kept as ready RSA objects for their import.</summary>
    public int ReadyWrappingKeys { get; init; } = 1024;
    /// <summary>kms.multi-region.replica-creation-delay: how long a new replica stays in the Creating key state.</summary>
    public required TimeSpan ReplicaCreationDelay { get; init; }
    /// <summary>kms.multi-region.update-primary-region-delay: how long both keys stay Updating after UpdatePrimaryRegion.</summary>
    public TimeSpan UpdatePrimaryRegionDelay { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>kms.persistence.vault.threads: threads that run the material data-key store's database calls.</summary>
    public int VaultThreads { get; init; } = 2;
    /// <summary>kms.import.generate-threads: threads that generate wrapping key pairs for GetParametersForImport when the pool is empty.</summary>
    public int WrappingKeyThreads { get; init; } = 2;
    /// <summary>kms.import.pool-fill-delay: how long after the engine starts the wrapping-key pool begins to fill (a call
    /// that takes from the pool starts it at once), so that the start and the first calls do not share the CPU with RSA
    /// key generation.</summary>
    public TimeSpan WrappingPoolFillDelay { get; init; } = TimeSpan.FromSeconds(2);

    public static KmsSettings From(Config config)
    {
        var kms = config.GetConfig("kms") ?? throw new ConfigurationException("No kms section: load the configuration through KmsConfiguration.Load.");
        var pool = kms.GetConfig("import.pool");
        var dataDir = Path.GetFullPath(kms.GetString("data-dir", "kms-data"));
        var provider = kms.GetString("journal.provider", "sqlite");
        var connection = kms.GetString("journal.connection-string", "");
        if (string.IsNullOrEmpty(connection) && provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
            connection = $"Data Source={Path.Combine(dataDir, "kms.db")}"; // as KmsConfiguration.Load fills it for the journal
        var maxLiveKeys = kms.GetInt("max-live-keys", 0);
        if (maxLiveKeys < 0)
            throw new ConfigurationException($"kms.max-live-keys = {maxLiveKeys}: expected 0 (no limit) or a positive number of keys.");
        return new KmsSettings
        {
            MaxHeldCallsPerKey = Positive(kms, "max-held-calls-per-key", 10_000),
            MaxHeldCallsPerRegion = Positive(kms, "max-held-calls-per-region", 100_000),
            DataDir = dataDir,
            AccountId = kms.GetString("account-id", "111122223333"),
            DefaultRegion = kms.GetString("default-region", "us-east-1"),
            JournalProvider = provider,
            JournalConnectionString = connection,
            MasterKey = kms.GetString("persistence.master-key", ""),
            SnapshotEvery = kms.GetInt("snapshot-every", 100),
            PassivateAfter = kms.GetTimeSpan("passivate-after", TimeSpan.FromMinutes(2)),
            MaxLiveKeys = maxLiveKeys,
            WrappingPool = Enum.GetValues<WrappingKeySpec>().ToDictionary(spec => spec, spec => pool?.GetInt(spec.ToString(), 0) ?? 0),
            ImportTokenValidity = kms.GetTimeSpan("import.token-validity", TimeSpan.FromHours(24)),
            AllowLegacyPkcs1 = kms.GetBoolean("import.allow-legacy-pkcs1", false),
            ReadyWrappingKeys = NotNegative(kms, "import.ready-wrapping-keys", 1024),
            ReplicaCreationDelay = kms.GetTimeSpan("multi-region.replica-creation-delay", TimeSpan.FromSeconds(2)),
            UpdatePrimaryRegionDelay = kms.GetTimeSpan("multi-region.update-primary-region-delay", TimeSpan.FromSeconds(2)),
            VaultThreads = AtLeastOne(kms, "persistence.vault.threads", 2),
            WrappingKeyThreads = AtLeastOne(kms, "import.generate-threads", 2),
            WrappingPoolFillDelay = kms.GetTimeSpan("import.pool-fill-delay", TimeSpan.FromSeconds(2)),
        };
    }

    private static int AtLeastOne(Config kms, string path, int fallback)
    {
        var value = kms.GetInt(path, fallback);
        return value >= 1 ? value : throw new ConfigurationException($"kms.{path} = {value}: expected at least 1.");
    }

    public static KmsSettings From(ActorSystem system) => From(system.Settings.Config);

    private static int Positive(Config kms, string path, int fallback)
    {
        var value = kms.GetInt(path, fallback);
        return value > 0 ? value : throw new ConfigurationException($"kms.{path} = {value}: expected a positive number of calls (every buffer is bounded).");
    }

    private static int NotNegative(Config kms, string path, int fallback)
    {
        var value = kms.GetInt(path, fallback);
        return value >= 0 ? value : throw new ConfigurationException($"kms.{path} = {value}: expected 0 or more.");
    }
}
