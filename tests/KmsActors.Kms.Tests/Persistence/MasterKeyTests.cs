using System.Collections;
using Akka.Actor;
using Akka.Configuration;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Persistence;
using KmsActors.TestKit;
using Microsoft.Data.Sqlite;
using KmsActors.Kms.Services;

namespace KmsActors.Kms.Tests.Persistence;

/// <summary>Where the master key that seals data keys comes from: kms.persistence.master-key, else a key file with a warning.</summary>
public sealed class MasterKeyTests : KmsTestKit
{
    private static readonly string ConfiguredKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly string _dataDir;

    public MasterKeyTests() : this(Path.Combine(Path.GetTempPath(), "kms-master-" + Guid.NewGuid().ToString("N")))
    {
    }

    private MasterKeyTests(string dataDir) : base(Hocon(dataDir))
    {
        _dataDir = dataDir;
    }

    private static string Hocon(string dataDir, string masterKey = "") =>
        $"kms.journal.provider = sqlite\nkms.data-dir = \"{dataDir.Replace("\\", "/", StringComparison.Ordinal)}\"\nkms.persistence.master-key = \"{masterKey}\"";

    [Fact]
    public void without_a_configured_master_key_a_durable_engine_creates_a_key_file_only_its_owner_can_read_and_warns()
    {
        EventFilter.Warning(contains: "kms.persistence.master-key").ExpectOne(() => KmsServices.Get(Sys));

        var file = Path.Combine(_dataDir, MasterKey.FileName);
        Assert.Equal(32, File.ReadAllBytes(file).Length);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task a_configured_master_key_writes_no_key_file_and_data_keys_sealed_under_it_open_under_no_other()
    {
        var other = Path.Combine(Path.GetTempPath(), "kms-master-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Events elsewhere, so the data key is written to the file at once (on the engine's own journal it would wait,
            // in that engine's memory only, for a journal write of its key: another engine never sees it).
            var configured = ActorSystem.Create("configured", Load(Hocon(other, ConfiguredKey) + "\nakka.persistence.journal.plugin = \"akka.persistence.journal.inmem\""));
            MaterialDataKey dataKey;
            try
            {
                dataKey = KmsServices.Get(configured).Vault.NewDataKey("arn:aws:kms:us-east-1:111122223333:key/k", "m");
                Assert.False(File.Exists(Path.Combine(other, MasterKey.FileName)));
            }
            finally
            {
                await configured.Terminate();
            }

            var changed = ActorSystem.Create("changed", Load(Hocon(other)));
            try
            {
                var error = Assert.Throws<InvalidOperationException>(() => KmsServices.Get(changed).Vault.OpenDataKey(dataKey.Id, "arn:aws:kms:us-east-1:111122223333:key/k", "m"));
                Assert.Contains("kms.persistence.master-key", error.Message, StringComparison.Ordinal);
            }
            finally
            {
                await changed.Terminate();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(other, recursive: true);
        }
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==")] // 16 bytes
    public void a_master_key_that_is_not_base64_of_32_bytes_is_refused(string configured)
    {
        var settings = KmsSettings.From(Load(Hocon(_dataDir, configured)));

        var error = Assert.Throws<ConfigurationException>(() => MasterKey.Load(settings, durable: true, Sys.Log));

        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
    }

    private static Config Load(string hocon) => KmsConfiguration.Load(hocon + "\nakka.loglevel = WARNING", profiles: ["testkit"], environment: new Hashtable());

    protected override void AfterAll()
    {
        base.AfterAll();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
            Directory.Delete(_dataDir, recursive: true);
    }
}
