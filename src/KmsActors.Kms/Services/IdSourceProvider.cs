using Akka.Actor;

namespace KmsActors.Kms.Services;

/// <summary>Akka extension id of <see cref="IdSource"/>.</summary>
public sealed class IdSourceProvider : ExtensionIdProvider<IdSource>
{
    public override IdSource CreateExtension(ExtendedActorSystem system) => new(system);
}
