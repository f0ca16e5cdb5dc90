using Akka.Actor;

namespace KmsActors.Kms.Services;

/// <summary>Akka extension id of <see cref="KmsServices"/>.</summary>
public sealed class KmsServicesProvider : ExtensionIdProvider<KmsServices>
{
    private readonly KmsServiceOverrides? _overrides;

    public KmsServicesProvider()
    {
    }

    /// <summary>Tests: registered on an actor system before the engine starts, replaces parts of its services.</summary>
    internal KmsServicesProvider(KmsServiceOverrides overrides) => _overrides = overrides;

    public override KmsServices CreateExtension(ExtendedActorSystem system) => new(system, _overrides);
}
