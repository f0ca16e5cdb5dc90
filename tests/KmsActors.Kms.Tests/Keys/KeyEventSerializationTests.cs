using System.Collections.Immutable;
using System.Text.Json;
using Akka.Serialization;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;
using KmsActors.TestKit;
using KmsActors.Kms.Tests.Persistence;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>Every key event and the KmsKey snapshot survive the journal serializer bound in HOCON.</summary>
public sealed class KeyEventSerializationTests : KmsTestKit
{
    public static TheoryData<string> Events() => [.. PersistedSamples.All().Keys.Where(name => !PersistedSamples.IsRegionType(name))];

    [Theory]
    [MemberData(nameof(Events))]
    public void an_event_round_trips_through_the_journal_serializer(string name)
    {
        var original = PersistedSamples.All()[name];
        var serializer = Sys.Serialization.FindSerializerFor(original);
        Assert.IsType<KmsEventSerializer>(serializer);
        var manifest = Serialization.ManifestFor(serializer, original);
        var restored = Sys.Serialization.Deserialize(serializer.ToBinary(original), serializer.Identifier, manifest);
        Assert.Equal(original.GetType(), restored.GetType());
        Assert.Equal(JsonSerializer.Serialize(original, original.GetType()), JsonSerializer.Serialize(restored, restored.GetType()));
    }
}
