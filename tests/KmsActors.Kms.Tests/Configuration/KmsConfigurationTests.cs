using System.Collections;
using KmsActors.Kms.Configuration;

namespace KmsActors.Kms.Tests.Configuration;

public sealed class KmsConfigurationTests
{
    private static readonly Hashtable NoEnvironment = new();

    [Fact]
    public void reference_defaults_give_the_engine_sqlite_journal_under_kms_data()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "kms-config-" + Guid.NewGuid().ToString("N"));
        var config = KmsConfiguration.Load($"kms.data-dir = \"{dataDir}\"", environment: NoEnvironment);
        var settings = KmsSettings.From(config);

        Assert.Equal("sqlite", settings.JournalProvider);
        Assert.Equal("kms.persistence.sqlite-journal", config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("kms.persistence.sqlite-snapshot-store", config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Equal($"Data Source={Path.Combine(dataDir, "kms.db")}", config.GetString("kms.persistence.sqlite-journal.connection-string"));
        Assert.Equal(TimeSpan.FromHours(24), settings.ImportTokenValidity);
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task a_system_from_the_kms_configuration_starts_its_scheduler_with_the_system()
    {
        // Started lazily, Akka's scheduler blocks its first callers until its loop runs; a hundred actors recovering
        // at once then held every pool thread (20 s stalls). The reference config starts it with the system.
        var system = Akka.Actor.ActorSystem.Create("scheduler-start", KmsConfiguration.Load("kms.journal.provider = inmem", environment: NoEnvironment));
        try
        {
            Assert.True(system.HasExtension<SchedulerStart>());
            var fired = new TaskCompletionSource();
            system.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(1), () => fired.TrySetResult());
            await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void switches_beat_environment_which_beats_the_host_conf()
    {
        var host = "kms { journal.provider = inmem, account-id = \"000000000001\", default-region = eu-west-1, snapshot-every = 7 }";
        var environment = new Hashtable { ["KMS__ACCOUNT_ID"] = "000000000002", ["KMS__DEFAULT_REGION"] = "eu-central-1" };
        var config = KmsConfiguration.Load(host, environment: environment, args: ["--kms.default-region=ap-south-1", "--port", "1"]);
        var settings = KmsSettings.From(config);

        Assert.Equal(7, settings.SnapshotEvery);            // host conf
        Assert.Equal("000000000002", settings.AccountId);  // environment over host conf
        Assert.Equal("ap-south-1", settings.DefaultRegion); // switch over environment
    }

    [Fact]
    public void the_testkit_profile_selects_the_in_memory_journal_and_the_test_scheduler()
    {
        var config = KmsConfiguration.Load(profiles: ["testkit"], environment: NoEnvironment);

        Assert.Equal("akka.persistence.journal.inmem", config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("Akka.TestKit.TestScheduler, Akka.TestKit", config.GetString("akka.scheduler.implementation"));
    }

    [Fact]
    public void a_test_choosing_sqlite_over_the_testkit_profile_gets_the_sqlite_journal_not_the_in_memory_one()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "kms-config-" + Guid.NewGuid().ToString("N"));
        try
        {
            var config = KmsConfiguration.Load($"kms.journal.provider = sqlite\nkms.data-dir = \"{dataDir}\"", profiles: ["testkit"], environment: NoEnvironment);

            Assert.Equal("kms.persistence.sqlite-journal", config.GetString("akka.persistence.journal.plugin"));
            Assert.Equal("kms.persistence.sqlite-snapshot-store", config.GetString("akka.persistence.snapshot-store.plugin"));
            Assert.Equal("Akka.TestKit.TestScheduler, Akka.TestKit", config.GetString("akka.scheduler.implementation"));
        }
        finally
        {
            if (Directory.Exists(dataDir))
                Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public void the_postgres_profile_demands_a_connection_string()
    {
        var error = Assert.Throws<Akka.Configuration.ConfigurationException>(() =>
            KmsConfiguration.Load(profiles: ["postgres"], environment: NoEnvironment));
        Assert.Contains("connection-string", error.Message);
    }

    [Fact]
    public void an_unknown_journal_provider_is_refused_with_the_choices()
    {
        var error = Assert.Throws<Akka.Configuration.ConfigurationException>(() =>
            KmsConfiguration.Load("kms.journal.provider = mongo", environment: NoEnvironment));
        Assert.Contains("sqlite, postgresql or inmem", error.Message);
    }

    [Fact]
    public void max_live_keys_is_off_by_default_and_read_from_the_kms_section()
    {
        Assert.Equal(0, KmsSettings.From(KmsConfiguration.Load("kms.journal.provider = inmem", environment: NoEnvironment)).MaxLiveKeys);
        Assert.Equal(20000, KmsSettings.From(KmsConfiguration.Load("kms.journal.provider = inmem", environment: NoEnvironment, args: ["--kms.max-live-keys=20000"])).MaxLiveKeys);
    }

    [Fact]
    public void a_negative_max_live_keys_is_refused()
    {
        var config = KmsConfiguration.Load("kms { journal.provider = inmem, max-live-keys = -1 }", environment: NoEnvironment);
        var error = Assert.Throws<Akka.Configuration.ConfigurationException>(() => KmsSettings.From(config));
        Assert.Contains("kms.max-live-keys = -1", error.Message);
    }
}
