using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Kms.Realism;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Tests.Realism;

/// <summary>How InjectedFaults draws: from kms.deterministic-ids.seed in the order calls arrive when seeded, at the
/// configured rate either way.</summary>
public sealed class FaultDrawTests
{
    private static readonly KmsCommand Encrypt = new(new EncryptRequest { KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab", Plaintext = [1] },
        CallerIdentity.Root("111122223333"), "us-east-1", "request");

    private static RealismSettings Faults(double rate, string? seed) =>
        new() { FaultsEnabled = true, DefaultFaultRate = rate, FaultSeed = seed };

    private static string[] Draws(InjectedFaults faults, int count) =>
        Enumerable.Range(0, count).Select(_ => faults.Draw(Encrypt)?.ErrorCode ?? "ok").ToArray();

    [Fact]
    public void the_same_seed_faults_the_same_calls_with_the_same_errors_every_run()
    {
        var first = Draws(new InjectedFaults(Faults(0.3, "seed-a")), 500);
        var again = Draws(new InjectedFaults(Faults(0.3, "seed-a")), 500);
        var other = Draws(new InjectedFaults(Faults(0.3, "seed-b")), 500);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData("seed-a")]
    [InlineData(null)]
    public void about_the_configured_share_of_calls_fault_seeded_or_not(string? seed)
    {
        var draws = Draws(new InjectedFaults(Faults(0.3, seed)), 4000);

        // 4,000 draws at 0.3: the share is within 0.25–0.35 but for a chance far below one in a million.
        Assert.InRange(draws.Count(draw => draw != "ok") / 4000.0, 0.25, 0.35);
        Assert.InRange(draws.Count(draw => draw == KmsErrorCodes.DependencyTimeoutException) / 4000.0, 0.11, 0.19);
    }

    [Fact]
    public void rate_zero_never_faults_and_rate_one_always_does()
    {
        Assert.All(Draws(new InjectedFaults(Faults(0, "seed-a")), 200), draw => Assert.Equal("ok", draw));
        Assert.All(Draws(new InjectedFaults(Faults(1, null)), 200), draw => Assert.Contains(draw, InjectedFaults.TransientErrors));
    }

    [Fact]
    public void a_request_outside_the_model_is_never_faulted()
    {
        var seeding = Encrypt with { Request = new CreateKeyWithIdRequest("1234abcd-12ab-34cd-56ef-1234567890ab", new CreateKeyRequest()) };

        Assert.Null(new InjectedFaults(Faults(1, "seed-a")).Draw(seeding));
    }
}
