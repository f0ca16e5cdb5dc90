using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using KmsActors.Kms.Engine;
using KmsActors.Server.Tests.Support;

namespace KmsActors.Server.Tests;

/// <summary>The server's KMS spans join the caller's trace: the KmsActors span of a call is a child of ASP.NET Core's
/// request activity, which continues the request's W3C traceparent, with request logging off as by default (docs/traces.md).</summary>
public sealed class ServerTracingTests
{
    [Fact]
    public async Task the_kms_span_of_a_request_is_a_child_of_the_request_activity_in_the_traceparents_trace()
    {
        // Collected as they start: the request's activity may stop after its answer reached the client.
        var started = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or KmsTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = started.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await KmsTestServer.StartAsync(fake: false);
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();

        using var answer = await server.PostAsync("CreateKey", "{}", request =>
            request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{callerSpan}-01"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var keyArn = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("KeyMetadata").GetProperty("Arn").GetString();
        var trace = started.Where(a => a.TraceId == traceId).ToList();
        var http = Assert.Single(trace, a => a.Source.Name == "Microsoft.AspNetCore");
        var kms = Assert.Single(trace, a => a.Source.Name == KmsTracing.SourceName);
        Assert.Equal(callerSpan, http.ParentSpanId);
        Assert.Equal(http.SpanId, kms.ParentSpanId);
        Assert.Equal("KMS.CreateKey", kms.DisplayName);
        Assert.Equal(keyArn, kms.GetTagItem(KmsTracing.KeyIdTag));
        Assert.Equal(answer.Headers.GetValues("x-amzn-RequestId").Single(), kms.GetTagItem("aws.request_id"));
    }
}
