using System.Collections.Immutable;
using System.Text.Json;
using Akka.Serialization;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;
using KmsActors.TestKit;
using static KmsActors.Kms.Tests.Keys.TestKeys;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>Every key event and the KmsKey snapshot survive the journal serializer bound in HOCON.</summary>
public sealed class KeyEventSerializationTests : KmsTestKit
{
    public static TheoryData<string> Events() => [.. Samples().Keys];

    private static ImmutableSortedDictionary<string, IKmsPersistentMessage> Samples()
    {
        var key = Imported(Imported(External(KeyState.Enabled), Material(2), importType: ImportType.NEW_KEY_MATERIAL), Material(1), validTo: T0.AddDays(5));
        IKmsPersistentMessage[] all =
        [
            key,
            new KeyCreated(key),
            new KeyMaterialImported(Material(1).KeyMaterialId, Material(1).Commitment, Material(1).Material, KeyMaterialState.CURRENT,
                ExpirationModelType.KEY_MATERIAL_EXPIRES, T0.AddDays(3), "batch 1", "token", T0.AddDays(1), true, T0),
            new KeyMaterialDeleted(Material(1).KeyMaterialId, true, T0),
            new KeyEnabled(T0),
            new KeyDisabled(T0),
            new KeyDeletionScheduled(T0.AddDays(7), 7, false),
            new KeyDeletionCanceled(KeyState.PendingImport),
            new KeyDeleted(T0),
            new KeyRotated(Material(2).KeyMaterialId, T0, RotationType.ON_DEMAND, Material(2).Commitment, Material(2).Material),
            new KeyRotationStatusChanged(true, 365, T0.AddDays(365)),
            new KeyDescriptionUpdated("d"),
            new KeyTagsAdded(ImmutableSortedDictionary<string, string>.Empty.Add("a", "b")),
            new KeyTagsRemoved(["a"]),
            new KeyPolicyPut("default", "{}"),
            new ReplicaAdded("arn:aws:kms:eu-west-1:111122223333:key/mrk-1"),
        ];
        return all.ToImmutableSortedDictionary(e => e.GetType().Name, e => e);
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Event_round_trips_through_the_journal_serializer(string name)
    {
        var original = Samples()[name];
        var serializer = Sys.Serialization.FindSerializerFor(original);
        Assert.IsType<KmsEventSerializer>(serializer);
        var manifest = Serialization.ManifestFor(serializer, original);
        var restored = Sys.Serialization.Deserialize(serializer.ToBinary(original), serializer.Identifier, manifest);
        Assert.Equal(original.GetType(), restored.GetType());
        Assert.Equal(JsonSerializer.Serialize(original, original.GetType()), JsonSerializer.Serialize(restored, restored.GetType()));
    }
}
