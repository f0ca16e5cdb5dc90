using KmsActors.Kms.Configuration;
using KmsActors.Kms.Realism;

namespace KmsActors.Kms.Tests.Realism;

/// <summary>The switches: off in reference.conf, on in the load-simulation profile.</summary>
public sealed class RealismSwitchTests
{
    [Fact]
    public void reference_configuration_turns_every_realism_switch_off()
    {
        var settings = RealismSettings.From(KmsConfiguration.Load(profiles: ["testkit"], environment: new System.Collections.Hashtable()));

        Assert.False(settings.AnyEnabled);
        Assert.Equal(1, settings.OperationQuotas["GetParametersForImport"]);
        Assert.Equal(10_000, settings.SharedQuotas["symmetric"]);
        Assert.Equal(20, settings.DataKeyPairQuotas["RSA_2048"]);
    }

    [Fact]
    public void load_simulation_profile_turns_quotas_latency_and_consistency_on()
    {
        var settings = RealismSettings.From(KmsConfiguration.Load(profiles: ["testkit", "load-simulation"], environment: new System.Collections.Hashtable()));

        Assert.Equal((true, true, true), (settings.QuotasEnabled, settings.LatencyEnabled, settings.EventualConsistencyEnabled));
        Assert.Equal(TimeSpan.FromMilliseconds(3), settings.OperationLatency["Encrypt"]);
    }

    [Fact]
    public void reference_configuration_has_faults_off_at_one_call_in_a_thousand_with_both_transient_errors()
    {
        var settings = RealismSettings.From(KmsConfiguration.Load(profiles: ["testkit"], environment: new System.Collections.Hashtable()));

        Assert.Equal((false, 0.001, null), (settings.FaultsEnabled, settings.DefaultFaultRate, settings.FaultSeed));
        Assert.Equal(["KMSInternalException", "DependencyTimeoutException"], settings.FaultErrors);
    }

    [Fact]
    public void a_fault_rate_outside_zero_to_one_or_an_error_other_than_the_two_transient_ones_is_refused_at_start()
    {
        var rate = Assert.Throws<Akka.Configuration.ConfigurationException>(() => RealismSettings.From(
            KmsConfiguration.Load("kms.realism.faults.operations.Encrypt = 1.5", profiles: ["testkit"], environment: new System.Collections.Hashtable())));
        var error = Assert.Throws<Akka.Configuration.ConfigurationException>(() => RealismSettings.From(
            KmsConfiguration.Load("kms.realism.faults.errors = [NotFoundException]", profiles: ["testkit"], environment: new System.Collections.Hashtable())));

        Assert.Equal("kms.realism.faults.operations.Encrypt is a share of calls from 0 to 1, not 1.5.", rate.Message);
        Assert.Equal("kms.realism.faults.errors lists 'NotFoundException': only KMSInternalException and DependencyTimeoutException are injected.", error.Message);
    }
}
