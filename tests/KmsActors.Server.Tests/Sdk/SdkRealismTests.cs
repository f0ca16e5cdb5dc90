using Akka.Actor;
using Akka.TestKit;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using KmsActors.Kms.Audit;
using KmsActors.Server.Tests.Support;
using KmsActors.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>
/// The server enters the engine where every caller does (KmsEngine.Send), so each kms.realism switch holds over HTTP as
/// it does in-process: quotas answer ThrottlingException, a new key is briefly NotFound, injected latency holds the
/// answer back, injected faults answer KMSInternalException (500) or DependencyTimeoutException (503), which the SDK
/// retries. Each test runs its own server on Akka's TestScheduler, so "a second" is the engine's, not the wall's.
/// </summary>
public sealed class SdkRealismTests
{
    private static async Task<(KmsTestServer Server, AmazonKeyManagementServiceClient Kms, TestScheduler Clock)> Start(string realism, int maxErrorRetry = 0)
    {
        var server = await KmsTestServer.StartAsync(fake: false, hocon: $"""
            akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
            kms.deterministic-ids {"{"} enabled = on, seed = "sdk" {"}"}
            kms.realism {"{"} {realism} {"}"}
            """);
        var kms = new AmazonKeyManagementServiceClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            new AmazonKeyManagementServiceConfig { ServiceURL = server.Address.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = maxErrorRetry });
        return (server, kms, (TestScheduler)server.Services.GetRequiredService<ActorSystem>().Scheduler);
    }

    [Fact]
    public async Task create_key_over_its_quota_of_five_per_second_is_throttled_over_http_and_admitted_again_a_second_later()
    {
        var (server, kms, clock) = await Start("quotas { enabled = on, burst = 1s }");
        await using var _ = server;
        using var __ = kms;

        var answers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            try
            {
                await kms.CreateKeyAsync(new CreateKeyRequest());
                answers.Add("ok");
            }
            catch (AmazonKeyManagementServiceException error)
            {
                answers.Add(error.ErrorCode);
                Assert.Equal("You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.", error.Message);
            }
        }
        Assert.Equal([.. Enumerable.Repeat("ok", 5), .. Enumerable.Repeat("ThrottlingException", 3)], answers);
        Assert.Equal(5, (await kms.ListKeysAsync(new ListKeysRequest())).Keys.Count);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull((await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.KeyId);
    }

    [Fact]
    public async Task a_key_just_created_is_not_found_over_http_until_the_consistency_window_has_passed()
    {
        var (server, kms, clock) = await Start("eventual-consistency { enabled = on, window = 1s }");
        await using var _ = server;
        using var __ = kms;

        var key = (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;
        var early = await Assert.ThrowsAsync<NotFoundException>(() => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId }));
        Assert.Equal($"Key '{key.Arn}' does not exist", early.Message);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(key.Arn, (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.Arn);
    }

    [Fact]
    public async Task injected_latency_holds_the_http_answer_until_the_engine_clock_has_moved_that_far()
    {
        var (server, kms, clock) = await Start("latency { enabled = on, default = 0ms, operations { DescribeKey = 250ms } }");
        await using var _ = server;
        using var __ = kms;
        var key = (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;

        var describe = kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId });
        // The request reaches the engine over a real socket (wall time, however busy the machine), then waits on the
        // engine's scheduler: move that in 10 ms steps, letting the HTTP hop run between steps, until the answer comes.
        // Steps taken before the request arrived only add to the total, so it is at least the latency whatever the hop took.
        var advanced = TimeSpan.Zero;
        var bound = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!describe.IsCompleted && DateTime.UtcNow < bound)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            advanced += TimeSpan.FromMilliseconds(10);
            await Task.WhenAny(describe, Task.Delay(5));
        }

        Assert.Equal(key.Arn, (await describe).KeyMetadata.Arn);
        Assert.True(advanced >= TimeSpan.FromMilliseconds(250), $"answered after the engine clock moved {advanced.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task injected_faults_arrive_over_http_as_kms_internal_exception_500_and_dependency_timeout_exception_503()
    {
        var (server, kms, _) = await Start("faults { enabled = on, default-rate = 0, operations { DescribeKey = 1 } }");
        await using var _ = server;
        using var __ = kms;
        var key = (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;

        var answers = new HashSet<(string, int, string)>();
        for (var i = 0; i < 30; i++)
        {
            var fault = await Assert.ThrowsAnyAsync<AmazonKeyManagementServiceException>(() => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId }));
            answers.Add((fault.ErrorCode, (int)fault.StatusCode, fault.GetType().Name));
        }

        Assert.Equal(
            [("DependencyTimeoutException", 503, nameof(DependencyTimeoutException)), ("KMSInternalException", 500, nameof(KMSInternalException))],
            answers.Order());
    }

    [Fact]
    public async Task the_sdks_retry_gets_every_call_through_faults_at_half_the_calls_and_no_faulted_call_left_a_key()
    {
        var (server, kms, _) = await Start("faults { enabled = on, default-rate = 0, operations { CreateKey = 0.5 } }", maxErrorRetry: 6);
        await using var _ = server;
        using var __ = kms;
        var system = server.Services.GetRequiredService<ActorSystem>();
        var audit = AuditRecorder.Start(system);

        var created = new List<string>();
        for (var i = 0; i < 6; i++)
            created.Add((await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.KeyId);
        await Kms.Engine.KmsEngine.Start(system).Settle(); // a success's record may be published just after its answer
        await audit.FlushAsync();
        var createKeys = audit.Records.Where(record => record.EventName == "CreateKey").ToList();

        // Seeded (kms.deterministic-ids): the same attempts fault every run, and at 0.5 some of the six calls met one.
        Assert.Contains(createKeys, record => record.ErrorCode is "KMSInternalException" or "DependencyTimeoutException");
        Assert.Equal(6, createKeys.Count(record => record.ErrorCode is null));
        Assert.Equal(created.Order(), (await kms.ListKeysAsync(new ListKeysRequest())).Keys.Select(k => k.KeyId).Order());
    }
}
