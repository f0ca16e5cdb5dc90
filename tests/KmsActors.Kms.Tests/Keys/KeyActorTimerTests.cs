using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>Long timer chains and passivation on virtual time.</summary>
public sealed class KeyActorTimerTests : KeyActorFixture
{
    public KeyActorTimerTests() : base(passivateAfter: "2m")
    {
    }

    [Fact]
    public void Material_valid_for_365_days_expires_after_a_chain_of_re_armed_timers()
    {
        var (key, _) = CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL });
        var validTo = EngineNow.AddDays(365);
        Import(key, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), validTo);

        Advance(TimeSpan.FromDays(364));
        Assert.Equal(KeyState.Enabled, Describe(key).KeyState);
        Advance(TimeSpan.FromDays(1));

        Assert.Equal(KeyState.PendingImport, Describe(key).KeyState);
    }

    [Fact]
    public void An_idle_key_asks_its_region_to_passivate_it()
    {
        var (_, created) = CreateKey(new CreateKeyRequest());
        Scheduler.Advance(TimeSpan.FromMinutes(2));
        Parent.FishForMessage(m => m is Passivate p && p.KeyId == created.KeyId);
    }
}
