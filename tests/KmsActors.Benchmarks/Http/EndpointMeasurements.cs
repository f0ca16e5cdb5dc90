using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using KmsActors.Kms.Engine;
using KmsActors.Server.Dispatch;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KmsActors.Benchmarks.Http;

/// <summary>
/// http.endpoint: the server's own work per Encrypt call on one thread, without sockets, Kestrel or the engine:
/// <see cref="KmsEndpoint.HandleAsync"/> on an in-memory HttpContext with the CLI's request, answered by a handler
/// that returns a fixed response (authentication, reading the JSON, writing the answer). Nanoseconds and bytes per
/// call (CPU time, less the in-memory request's own) barely move with the machine's load, unlike the wrk figures.
/// </summary>
public static class EndpointMeasurements
{
    public static async Task<(double Nanoseconds, double Bytes)> PerCall(IServiceProvider services, CliEncryptRequest cli, object answer)
    {
        var endpoint = new KmsEndpoint(new FixedAnswer(answer), services.GetRequiredService<Server.Signing.RequestAuthenticator>(),
            services.GetRequiredService<Akka.Actor.ActorSystem>(), NullLogger<KmsEndpoint>.Instance);
        var body = Encoding.UTF8.GetBytes(cli.Body);
        async Task Call(bool handle)
        {
            var context = new DefaultHttpContext();
            var request = context.Request;
            request.Method = "POST";
            request.Path = "/";
            request.Host = new HostString("127.0.0.1:4599");
            foreach (var (name, value) in cli.Headers)
                request.Headers[name] = value;
            request.ContentLength = body.Length;
            // A reader over the bytes, as cheap as Kestrel's (a stream's reader adds a lock and a token source per request).
            context.Features.Set<IRequestBodyPipeFeature>(new BodyPipe(PipeReader.Create(new ReadOnlySequence<byte>(body))));
            context.Response.Body = Stream.Null;
            if (!handle)
                return;
            await endpoint.HandleAsync(context);
            if (context.Response.StatusCode != StatusCodes.Status200OK)
                throw new InvalidOperationException($"The endpoint answered {context.Response.StatusCode}.");
        }
        for (var i = 0; i < 20_000; i++)
        {
            await Call(handle: true);
            await Call(handle: false);
        }
        // The in-memory request itself (context, headers, body stream) is measured alone and taken off.
        var (handled, handledBytes) = await Measure(() => Call(handle: true));
        var (harness, harnessBytes) = await Measure(() => Call(handle: false));
        return (handled - harness, handledBytes - harnessBytes);
    }

    /// <summary>CPU time and bytes per call of this thread (every call completes synchronously, so the loop never
    /// leaves it): the server's idle actor system and Kestrel's timers, running beside it, are not counted.</summary>
    private static async Task<(double Nanoseconds, double Bytes)> Measure(Func<Task> call)
    {
        const int Calls = 100_000;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = ThreadCpuNanoseconds();
        for (var i = 0; i < Calls; i++)
            await call();
        var used = ThreadCpuNanoseconds() - cpu;
        return (used / Calls, (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / Calls);
    }

    /// <summary>Linux: the first field of /proc/thread-self/schedstat (ns on a CPU); elsewhere the process's CPU time.</summary>
    private static double ThreadCpuNanoseconds() =>
        File.Exists("/proc/thread-self/schedstat")
            ? double.Parse(File.ReadAllText("/proc/thread-self/schedstat").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
            : Process.GetCurrentProcess().TotalProcessorTime.TotalNanoseconds;

    private sealed class BodyPipe(PipeReader reader) : IRequestBodyPipeFeature
    {
        public PipeReader Reader { get; } = reader;
    }

    /// <summary>Answers every call with the same response record, synchronously.</summary>
    private sealed class FixedAnswer(object answer) : IKmsRequestHandler
    {
        public Task<object?> HandleAsync(string operation, object request, CallerIdentity caller, string region, string requestId, CancellationToken ct) =>
            Task.FromResult<object?>(answer);
    }
}
