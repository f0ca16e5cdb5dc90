using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Import;
using KmsActors.Kms.Persistence;
using KmsActors.Kms.Persistence.PostgreSql;
using KmsActors.Kms.Persistence.Sqlite;

namespace KmsActors.Kms.Services;

/// <summary>
/// Engine-wide services shared by every key actor of an actor system: settings, the wrapping key pool, the import
/// token sealer and the material commitment key. Token and commitment keys are derived (HKDF-SHA256) from one
/// 32-byte engine key: <c>&lt;data-dir&gt;/engine.key</c> (created 0600 on first start) for durable journals, so
/// tokens and commitments survive a restart; a random key per actor system for the in-memory journal; in cluster mode,
/// derived from the master key every node shares (<see cref="EngineKey"/>). Material at rest
/// is sealed by <see cref="Vault"/> under a separate master key (<see cref="MasterKey"/>).
/// </summary>
public sealed class KmsServices : IExtension
{
    public const string EngineKeyFileName = "engine.key";

    public KmsServices(ExtendedActorSystem system) : this(system, null)
    {
    }

    internal KmsServices(ExtendedActorSystem system, KmsServiceOverrides? overrides)
    {
        Settings = KmsSettings.From(system);
        var masterKey = MasterKey.Load(Settings, Durable(Settings.JournalProvider), system.Log);
        var engineKey = EngineKey(Settings, Cluster.KmsClusterSettings.From(system.Settings.Config).Enabled, masterKey);
        TokenSealer = new ImportTokenSealer(Derive(engineKey, "KmsActors import-token key v1"));
        Commitments = new MaterialCommitment(Derive(engineKey, "KmsActors material-commitment key v1"));
        CryptographicOperations.ZeroMemory(engineKey);
        WrappingKeys = new WrappingKeyPool(Settings.WrappingPool, overrides?.GenerateWrappingKey, Settings.WrappingKeyThreads, fillNow: Settings.WrappingPoolFillDelay <= TimeSpan.Zero);
        // Off the start path (kms.import.pool-fill-delay): RSA generation would take the CPU the start and the first
        // calls need; a call that takes from the pool, WarmPool and RefillPool start it at once. Wall-clock time, not
        // the engine's: this is about the process's CPU at start, and under a TestScheduler the pool must still fill.
        if (Settings.WrappingPoolFillDelay > TimeSpan.Zero)
            _ = Task.Delay(Settings.WrappingPoolFillDelay).ContinueWith(static (_, pool) => ((WrappingKeyPool)pool!).StartFilling(),
                WrappingKeys, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        system.RegisterOnTermination(WrappingKeys.Dispose);
        ReadyWrappingKeys = new ReadyWrappingKeys(Settings.ReadyWrappingKeys);
        system.RegisterOnTermination(ReadyWrappingKeys.Dispose);
        Vault = new MaterialVault(masterKey, overrides?.DataKeyStore ?? DataKeyStore(system, Settings), Settings.VaultThreads);
        system.RegisterOnTermination(Vault.Dispose);
        Authorizer = Policy.Authorizer.From(system.Settings.Config, system.Log);
        GrantPropagationDelay = Realism.RealismSettings.From(system.Settings.Config).GrantPropagationDelay;
    }

    public KmsSettings Settings { get; }
    public WrappingKeyPool WrappingKeys { get; }
    public ImportTokenSealer TokenSealer { get; }
    /// <summary>Issued tokens' wrapping keys as ready RSA objects, for their ImportKeyMaterial (kms.import.ready-wrapping-keys).</summary>
    public ReadyWrappingKeys ReadyWrappingKeys { get; }
    public MaterialCommitment Commitments { get; }
    /// <summary>Seals key material for the journal under per-material data keys, and shreds them.</summary>
    public MaterialVault Vault { get; }
    /// <summary>kms.iam's identity policies and the compiled key policies (docs/access-control.md).</summary>
    public Policy.Authorizer Authorizer { get; }
    /// <summary>How long a new grant takes to apply to calls that do not present its token (kms.realism.eventual-consistency).</summary>
    public TimeSpan GrantPropagationDelay { get; }

    public static KmsServices Get(ActorSystem system) => system.WithExtension<KmsServices, KmsServicesProvider>();

    /// <summary>Data keys live next to the journal: same SQLite file or PostgreSQL database, or in memory with the in-memory journal.</summary>
    private static IMaterialDataKeyStore DataKeyStore(ExtendedActorSystem system, KmsSettings settings)
    {
        switch (settings.JournalProvider.ToLowerInvariant())
        {
            case "sqlite":
                var config = system.Settings.Config;
                var sameFile = config.GetString("akka.persistence.journal.plugin") == "kms.persistence.sqlite-journal"
                    && config.GetString("kms.persistence.sqlite-journal.connection-string") == settings.JournalConnectionString;
                return new SqliteMaterialDataKeyStore(settings.JournalConnectionString,
                    sameFile ? PendingDataKeysRegistry.Get(system).Open(settings.JournalConnectionString) : null);
            case "postgresql" or "postgres":
                return new PostgresMaterialDataKeyStore(settings.JournalConnectionString);
            default:
                return new InMemoryMaterialDataKeyStore();
        }
    }

    /// <summary>The engine key the token and commitment keys are derived from. Single process: <c>engine.key</c> in the data
    /// folder (durable journals) or random (in memory). Cluster mode: derived from the master key, which every node must
    /// share (kms.persistence.master-key): a key entity that moves to another node must open the import tokens it
    /// issued and compare material with the commitments it recorded, and nodes have data folders of their own
    /// (docs/cluster.md).</summary>
    internal static byte[] EngineKey(KmsSettings settings, bool cluster, byte[] masterKey) =>
        cluster ? Derive(masterKey, "KmsActors cluster engine key v1")
        : Durable(settings.JournalProvider) ? LoadOrCreateEngineKey(Path.Combine(settings.DataDir, EngineKeyFileName))
        : RandomNumberGenerator.GetBytes(32);

    private static bool Durable(string provider) => provider.ToLowerInvariant() is "sqlite" or "postgresql" or "postgres";

    private static byte[] Derive(byte[] engineKey, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, engineKey, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>Reads the engine key, or creates it readable by the owner only (0600) on first start.</summary>
    internal static byte[] LoadOrCreateEngineKey(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length != 32)
                throw new InvalidOperationException($"{path} must hold exactly 32 bytes; it holds {existing.Length}.");
            return existing;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return LoadOrCreateEngineKey(path); // another actor system in this process created it first
        }
    }
}
