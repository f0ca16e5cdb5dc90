using KmsActors.Kms.Model;
using KmsActors.Samples.LoadSimulation;

namespace KmsActors.Samples.Tests.LoadSimulation;

/// <summary>Two seeded virtual-time runs of the same scenario write the same audit trace, record for record.</summary>
public sealed class VirtualTimeDeterminismTests
{
    private static readonly Scenario Small = new()
    {
        Keys = 16,
        Clients = 3,
        Seed = 7,
        VirtualTime = true,
        VirtualSpan = TimeSpan.FromDays(3),
        VirtualStep = TimeSpan.FromHours(1),
        KeyMix = new Dictionary<KeySpec, double> { [KeySpec.SYMMETRIC_DEFAULT] = 0.6, [KeySpec.HMAC_256] = 0.2, [KeySpec.ECC_NIST_P256] = 0.2 },
        ExternalShare = 0.5,
        ExpireAfter = TimeSpan.FromDays(1),
        ByokRate = Rate.Parse("6/d"),
        RecordAudit = true,
    };

    /// <summary>Equal traces; otherwise fails naming the first record that differs, both versions in full (a
    /// collection diff shows only the first characters of each record, which every record shares).</summary>
    private static void SameTrace(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        var at = Enumerable.Range(0, Math.Min(first.Count, second.Count)).FirstOrDefault(i => first[i] != second[i], -1);
        if (at < 0 && first.Count == second.Count)
            return;
        Assert.Fail(at < 0
            ? $"The traces differ in length: {first.Count} and {second.Count} records."
            : $"Record {at} of {first.Count}/{second.Count} differs:\nfirst:  {first[at]}\nsecond: {second[at]}");
    }

    [Fact]
    public async Task two_runs_with_the_same_seed_write_identical_audit_traces()
    {
        var first = await new Simulation(Small).RunAsync();
        var second = await new Simulation(Small).RunAsync();

        SameTrace(first.AuditTrace, second.AuditTrace);
        Assert.Contains(first.AuditTrace, json => json.Contains("\"eventName\":\"DeleteExpiredKeyMaterial\"", StringComparison.Ordinal));
        Assert.Contains(first.AuditTrace, json => json.Contains("\"eventName\":\"ImportKeyMaterial\"", StringComparison.Ordinal));
        Assert.True(first.AuditTrace.Count > Small.Clients * 72, $"expected a call per client per round, got {first.AuditTrace.Count} records");
        Assert.Equal(first.Run.Total, second.Run.Total);
    }

    [Fact]
    public async Task runs_with_the_realism_switches_on_are_reproducible_too()
    {
        var scenario = Small with { Realism = true, Keys = 8, VirtualSpan = TimeSpan.FromDays(1) };

        var first = await new Simulation(scenario).RunAsync();
        var second = await new Simulation(scenario).RunAsync();

        SameTrace(first.AuditTrace, second.AuditTrace);
        Assert.Equal(first.Run.Errors, second.Run.Errors);
    }

    [Fact]
    public async Task another_seed_writes_another_trace()
    {
        var scenario = Small with { Keys = 6, VirtualSpan = TimeSpan.FromHours(6) };

        var first = await new Simulation(scenario).RunAsync();
        var other = await new Simulation(scenario with { Seed = 8 }).RunAsync();

        Assert.NotEqual(first.AuditTrace, other.AuditTrace);
    }
}
