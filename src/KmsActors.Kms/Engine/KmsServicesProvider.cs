using Akka.Actor;

namespace KmsActors.Kms.Engine;

/// <summary>Akka extension id of <see cref="KmsServices"/>.</summary>
public sealed class KmsServicesProvider : ExtensionIdProvider<KmsServices>
{
    public override KmsServices CreateExtension(ExtendedActorSystem system) => new(system);
}
