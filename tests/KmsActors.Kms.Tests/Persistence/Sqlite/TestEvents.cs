using Akka.Actor;
using Akka.Serialization;
using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Tests.Persistence.Sqlite;

/// <summary>An event of the journal tests, serialized by the engine's serializer.</summary>
[PersistedAs("JournalTestEvent")]
public sealed record JournalTestEvent(string Text) : IKmsPersistentMessage;

/// <summary>Bound to <see cref="ThrowingSerializer"/>: a payload the journal cannot serialize.</summary>
public sealed record Unserializable(string Text);

/// <summary>Fails every serialization, to make the journal reject a write.</summary>
public sealed class ThrowingSerializer(ExtendedActorSystem system) : Serializer(system)
{
    public override int Identifier => 4601;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) => throw new InvalidOperationException($"{obj.GetType().Name} cannot be serialized.");

    public override object FromBinary(byte[] bytes, Type? type) => throw new InvalidOperationException("Never written.");
}
