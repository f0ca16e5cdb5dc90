using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>Long timer chains on virtual time.</summary>
public sealed class KeyActorTimerTests : KeyActorFixture
{
    public KeyActorTimerTests() : base(passivateAfter: "2m")
    {
    }

    [Fact]
    public void material_valid_for_365_days_expires_after_a_chain_of_re_armed_timers()
    {
        var (key, _) = CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL });
        var validTo = EngineNow.AddDays(365);
        Import(key, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), validTo);

        Advance(TimeSpan.FromDays(364));
        Assert.Equal(KeyState.Enabled, Describe(key).KeyState);
        Advance(TimeSpan.FromDays(1));

        Assert.Equal(KeyState.PendingImport, Describe(key).KeyState);
    }
}
