using System.Collections.Concurrent;
using KmsActors.Kms.Engine;
using KmsActors.Server.Dispatch;

namespace KmsActors.Server.Tests.Support;

/// <summary>Stands in for the engine: records every call and answers with <see cref="Answer"/>.</summary>
public sealed class FakeKmsHandler : IKmsRequestHandler
{
    public sealed record Call(string Operation, object Request, CallerIdentity Caller, string Region, string RequestId);

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>(operation, request) → response record or null; may throw. Default: an empty response record.</summary>
    public Func<string, object, object?> Answer { get; set; } = (operation, _) =>
        KmsOperation.All.Single(op => op.Name == operation).Output is { } output ? Activator.CreateInstance(output) : null;

    public Call Last => Calls.Last();

    public Task<object?> HandleAsync(string operation, object request, CallerIdentity caller, string region, string requestId, CancellationToken ct)
    {
        Calls.Enqueue(new Call(operation, request, caller, region, requestId));
        return Task.FromResult(Answer(operation, request));
    }
}
