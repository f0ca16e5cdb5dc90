using Akka.Actor;

namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>Akka extension id of <see cref="PendingDataKeysRegistry"/>.</summary>
internal sealed class PendingDataKeysRegistryProvider : ExtensionIdProvider<PendingDataKeysRegistry>
{
    public override PendingDataKeysRegistry CreateExtension(ExtendedActorSystem system) => new();
}
