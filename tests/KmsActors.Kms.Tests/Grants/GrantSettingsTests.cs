using KmsActors.Kms.Realism;
using KmsActors.TestKit;

namespace KmsActors.Kms.Tests.Grants;

/// <summary>kms.realism.eventual-consistency.grant-delay: the propagation delay the authorizer passes to GrantRules.</summary>
public sealed class GrantSettingsTests
{
    [Fact]
    public void grant_delay_applies_only_with_eventual_consistency_on()
    {
        var on = RealismSettings.From(KmsTestKit.CreateConfig("kms.realism.eventual-consistency { enabled = on, grant-delay = 5s }"));
        var off = RealismSettings.From(KmsTestKit.CreateConfig("kms.realism.eventual-consistency { enabled = off, grant-delay = 5s }"));

        Assert.Equal(TimeSpan.FromSeconds(5), on.GrantPropagationDelay);
        Assert.Equal(TimeSpan.Zero, off.GrantPropagationDelay);
    }

    [Fact]
    public void the_reference_configuration_documents_a_one_second_grant_delay()
    {
        var settings = RealismSettings.From(KmsTestKit.CreateConfig("kms.realism.eventual-consistency.enabled = on"));

        Assert.Equal(TimeSpan.FromSeconds(1), settings.GrantPropagationDelay);
    }
}
