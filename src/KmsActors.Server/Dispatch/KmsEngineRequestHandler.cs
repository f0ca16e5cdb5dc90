using Akka.Actor;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;

namespace KmsActors.Server.Dispatch;

/// <summary>
/// Sends each call through <see cref="KmsEngine.Send{TResponse}(object, CallerIdentity, string, string, CancellationToken)"/>,
/// the entry every caller takes (realism, validation, access control, audit), with the server's request ID (so the
/// audit record and the x-amzn-RequestId header agree), and unwraps the reply.
/// </summary>
public sealed class KmsEngineRequestHandler(ActorSystem system) : IKmsRequestHandler
{
    private readonly KmsEngine _engine = KmsEngine.Start(system);

    public async Task<object?> HandleAsync(string operation, object request, CallerIdentity caller, string region, string requestId, CancellationToken ct)
    {
        try
        {
            return Unwrap(await Send(request, caller, region, requestId, ct).ConfigureAwait(false));
        }
        catch (AskTimeoutException)
        {
            throw Timeout(operation);
        }
    }

    /// <summary>The engine's reply as it comes (<see cref="MeasuredKmsRequestHandler"/> awaits it in its own frame, one
    /// async frame per call instead of two).</summary>
    internal Task<object> Send(object request, CallerIdentity caller, string region, string requestId, CancellationToken ct) =>
        _engine.Send<object>(request, caller, region, requestId, ct);

    /// <summary>Null for an operation without output.</summary>
    internal static object? Unwrap(object reply) => reply is EmptyResponse or Akka.Done ? null : reply;

    /// <summary>docs/wire-protocol.md: the engine not answering in time is KMS's DependencyTimeoutException (HTTP 503).</summary>
    internal static KmsException Timeout(string operation) =>
        new(KmsErrorCodes.DependencyTimeoutException,
            $"KmsActors did not answer {operation} within {KmsEngine.DefaultTimeout.TotalSeconds:0} seconds. Retry the request.");
}
