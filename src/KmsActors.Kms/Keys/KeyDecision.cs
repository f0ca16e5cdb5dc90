using System.Collections.Immutable;

namespace KmsActors.Kms.Keys;

/// <summary>
/// What <see cref="KeyRules"/> decided for an accepted request: the events to persist (possibly none) and the
/// response record to reply once they are persisted. <see cref="Response"/> is null only where the actor builds
/// the response itself (GetParametersForImport, ReplicateKey). Refusals are thrown as <c>KmsException</c>.
/// </summary>
public sealed record KeyDecision(ImmutableList<IKeyEvent> Events, object? Response)
{
    public static KeyDecision Reply(object? response) => new([], response);

    public static KeyDecision Persist(object? response, params IKeyEvent[] events) => new([.. events], response);
}
