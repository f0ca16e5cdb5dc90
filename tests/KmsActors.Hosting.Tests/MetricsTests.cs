using Akka.TestKit;
using KmsActors.Hosting.Metrics;
using KmsActors.Hosting.Tests.Support;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;
using Microsoft.Extensions.DependencyInjection;

namespace KmsActors.Hosting.Tests;

public sealed class MetricsTests
{
    private static MeterRecorder Record(KmsHost kms) => new(kms.Host.Services.GetRequiredService<KmsMetrics>().Meter);

    [Fact]
    public async Task requests_are_counted_and_timed_by_operation_and_outcome()
    {
        await using var kms = await KmsHost.StartAsync();
        using var recorder = Record(kms);

        await kms.Client.CreateKey(new CreateKeyRequest());
        await kms.Client.CreateKey(new CreateKeyRequest());
        await Assert.ThrowsAsync<KmsException>(() => kms.Client.DescribeKey(new DescribeKeyRequest { KeyId = "alias/none" }));

        var requests = recorder.Of(KmsMetricNames.Requests);
        var durations = recorder.Of(KmsMetricNames.RequestDuration);
        Assert.Equal(2, requests.Where(m => m.Tags["operation"] == "CreateKey" && m.Tags["outcome"] == "Success").Sum(m => m.Value));
        Assert.Equal(1, requests.Where(m => m.Tags["operation"] == "DescribeKey" && m.Tags["outcome"] == "NotFoundException").Sum(m => m.Value));
        Assert.Equal(3, durations.Count);
        Assert.All(durations, d => Assert.InRange(d.Value, 0, 30));
    }

    [Fact]
    public async Task keys_are_counted_by_state_as_the_key_actors_report_it()
    {
        await using var kms = await KmsHost.StartAsync();
        using var recorder = Record(kms);

        await kms.Client.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL });
        await kms.Client.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL });
        await kms.CreateImportedKey(KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT));

        double Keys(string state) => recorder.Observe(KmsMetricNames.Keys).Where(m => m.Tags["state"] == state).Sum(m => m.Value);
        await KmsHost.Eventually(() => Keys("PendingImport") == 2 && Keys("Enabled") == 1, "2 PendingImport and 1 Enabled key");
    }

    [Fact]
    public async Task the_wrapping_pool_depth_is_reported_per_wrapping_key_spec()
    {
        await using var kms = await KmsHost.StartAsync();
        using var recorder = Record(kms);

        await KmsHost.Eventually(() => recorder.Observe(KmsMetricNames.WrappingKeysAvailable)
            .Any(m => m.Tags["wrapping_key_spec"] == "RSA_2048" && m.Value == 1), "one RSA_2048 pair ready");
        var depths = recorder.Observe(KmsMetricNames.WrappingKeysAvailable);

        Assert.Equal(0, depths.Single(m => m.Tags["wrapping_key_spec"] == "RSA_4096").Value);
    }

    [Fact]
    public async Task seconds_until_key_material_expiration_counts_down_on_the_engine_clock()
    {
        await using var kms = await KmsHost.StartAsync();
        using var recorder = Record(kms);
        var scheduler = (TestScheduler)kms.System.Scheduler;
        var validTo = scheduler.Now.AddDays(30);
        var expiring = await kms.CreateImportedKey(KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), validTo);
        var lasting = await kms.CreateImportedKey(KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT));

        double? Seconds(string keyId) => recorder.Observe(KmsMetricNames.SecondsUntilKeyMaterialExpiration)
            .SingleOrDefault(m => m.Tags["KeyId"] == keyId)?.Value;
        await KmsHost.Eventually(() => Seconds(expiring) is not null, "the expiring key's gauge");
        var before = Seconds(expiring)!.Value;
        scheduler.Advance(TimeSpan.FromDays(1));
        var after = Seconds(expiring)!.Value;

        Assert.Equal(TimeSpan.FromDays(30).TotalSeconds, before, precision: 0);
        Assert.Equal(TimeSpan.FromDays(29).TotalSeconds, after, precision: 0);
        Assert.Null(Seconds(lasting));
    }
}
