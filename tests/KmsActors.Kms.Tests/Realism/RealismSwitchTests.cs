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
}
