using Akka.Actor;

namespace KmsActors.Kms.Realism;

/// <summary>Akka extension id of <see cref="RealismGate"/>.</summary>
public sealed class RealismGateProvider : ExtensionIdProvider<RealismGate>
{
    public override RealismGate CreateExtension(ExtendedActorSystem system) => new(system);
}
