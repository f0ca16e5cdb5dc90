using KmsActors.Kms.Engine;

namespace KmsActors.Server.Dispatch;

/// <summary>
/// What answers a decoded KMS call: the engine in production (<see cref="KmsEngineRequestHandler"/>), a fake in
/// protocol tests. Returns the operation's response record, or null for operations without output; throws
/// <see cref="KmsActors.Kms.Model.KmsException"/> for AWS errors.
/// </summary>
public interface IKmsRequestHandler
{
    /// <param name="requestId">The x-amzn-RequestId the server answers with, recorded by the engine's audit trail.</param>
    Task<object?> HandleAsync(string operation, object request, CallerIdentity caller, string region, string requestId, CancellationToken ct);
}
