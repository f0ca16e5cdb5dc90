using KmsActors.Kms.Model;
using KmsActors.Kms.Realism;

namespace KmsActors.Kms.Tests.Realism;

/// <summary>kms.realism.latency: a per-operation delay on the scheduler, so on virtual time it passes only when the clock moves.</summary>
public sealed class InjectedLatencyTests() : RealismTestBase("kms.realism.latency { enabled = on, default = 0ms, operations { Encrypt = 100ms } }")
{
    [Fact]
    public async Task a_call_is_answered_only_after_its_operation_delay_has_passed()
    {
        var keyId = await NewKey();

        var pending = Engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = [1] });
        await Clock.AdvanceAsync(TimeSpan.FromMilliseconds(99));
        var earlyDone = pending.IsCompleted;
        await Clock.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        var encrypted = await pending;

        Assert.False(earlyDone);
        Assert.NotEmpty(encrypted.CiphertextBlob!);
    }

    [Fact]
    public void operations_not_listed_take_the_default_delay()
    {
        var latency = new InjectedLatency(Sys.Scheduler, RealismSettings.From(Sys.Settings.Config));

        Assert.Equal((TimeSpan.FromMilliseconds(100), TimeSpan.Zero), (latency.DelayOf("Encrypt"), latency.DelayOf("Decrypt")));
    }
}
