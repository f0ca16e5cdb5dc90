using System.Collections.Concurrent;
using System.Diagnostics;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>The KmsActors ActivitySource: one span per call entering KmsEngine.Send, child of the caller's activity,
/// tagged as OpenTelemetry's AWS SDK conventions say, and nothing at all while nobody listens (docs/traces.md).</summary>
public sealed class TracingTests : EngineTestBase
{
    private const string Caller = "arn:aws:iam::111122223333:role/app";

    [Fact]
    public async Task each_call_makes_one_span_child_of_the_callers_activity_with_the_call_tags()
    {
        using var spans = new Spans();
        using var parent = new Activity("app-work").Start();
        var key = await Engine.CreateKey(new CreateKeyRequest(), CallerIdentity.Of(Caller));
        var arn = key.KeyMetadata!.Arn!;
        await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyMetadata.KeyId, Plaintext = [1, 2, 3] }, CallerIdentity.Of(Caller), UsEast1);

        Assert.Same(parent, Activity.Current); // the spans never became the caller's current activity
        var made = spans.Of(parent);
        Assert.Equal(["KMS.CreateKey", "KMS.Encrypt"], made.Select(s => s.DisplayName));
        Assert.All(made, span =>
        {
            Assert.Equal(parent.SpanId, span.ParentSpanId);
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            Assert.Equal("aws-api", span.GetTagItem("rpc.system"));
            Assert.Equal("KMS", span.GetTagItem("rpc.service"));
            Assert.Equal(span.DisplayName["KMS.".Length..], span.GetTagItem("rpc.method"));
            Assert.Equal(UsEast1, span.GetTagItem("cloud.region"));
            Assert.Equal(Caller, span.GetTagItem(KmsTracing.CallerTag));
            Assert.Equal("success", span.GetTagItem(KmsTracing.OutcomeTag));
            Assert.Null(span.GetTagItem(KmsTracing.ErrorTypeTag));
            Assert.False(string.IsNullOrEmpty(span.GetTagItem("aws.request_id") as string));
            Assert.True(span.Duration > TimeSpan.Zero);
        });
        // The key as resolved: the answer's key ARN, though Encrypt named the key by its ID.
        Assert.All(made, span => Assert.Equal(arn, span.GetTagItem(KmsTracing.KeyIdTag)));
    }

    [Fact]
    public async Task a_refused_call_has_its_aws_error_code_and_an_error_status()
    {
        using var spans = new Spans();
        using var parent = new Activity("app-work").Start();
        const string missing = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        var refused = await Assert.ThrowsAsync<KmsException>(() => Engine.Encrypt(new EncryptRequest { KeyId = missing, Plaintext = [1] }));

        var span = Assert.Single(spans.Of(parent));
        Assert.Equal("KMS.Encrypt", span.DisplayName);
        Assert.Equal(KmsErrorCodes.NotFoundException, refused.ErrorCode);
        Assert.Equal(KmsErrorCodes.NotFoundException, span.GetTagItem(KmsTracing.ErrorTypeTag));
        Assert.Equal("failure", span.GetTagItem(KmsTracing.OutcomeTag));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(refused.ErrorMessage, span.StatusDescription);
        Assert.Equal(missing, span.GetTagItem(KmsTracing.KeyIdTag)); // as the request named it: no key answered
        Assert.Equal(Engine.DefaultCaller.PrincipalArn, span.GetTagItem(KmsTracing.CallerTag));
    }

    [Fact]
    public async Task no_span_is_made_while_nobody_listens_to_the_source()
    {
        // A listener of another source only: KmsActors has none.
        using var other = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "SomethingElse",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(other);
        using var parent = new Activity("app-work").Start();

        Assert.False(KmsTracing.Source.HasListeners());
        Assert.Null(KmsTracing.StartCall(new KmsCommand(new ListKeysRequest(), Engine.DefaultCaller, UsEast1, "request-1")));
        var key = await Engine.CreateKey(new CreateKeyRequest());
        Assert.Same(parent, Activity.Current);
        Assert.NotNull(key.KeyMetadata?.Arn);
    }

    /// <summary>The KmsActors spans stopped while it listens (other test classes make calls meanwhile: <see cref="Of"/>
    /// keeps a test's own, those of its parent's trace).</summary>
    private sealed class Spans : IDisposable
    {
        private readonly ConcurrentQueue<Activity> _stopped = new();
        private readonly ActivityListener _listener;

        public Spans()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == KmsTracing.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _stopped.Enqueue,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> Of(Activity parent) =>
            _stopped.Where(a => a.TraceId == parent.TraceId).OrderBy(a => a.StartTimeUtc).ToList();

        public void Dispose() => _listener.Dispose();
    }
}
