using System.Collections.Immutable;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;
using KmsActors.Kms.Regions;
using static KmsActors.Kms.Tests.Keys.TestKeys;

namespace KmsActors.Kms.Tests.Persistence;

/// <summary>One instance of every type the engine persists (key events, the KmsKey snapshot, region events), by type name,
/// as the journal gets it: key material only sealed.</summary>
internal static class PersistedSamples
{
    public static bool IsRegionType(string name) => name is nameof(KeyIndexed) or nameof(KeyUnindexed) or nameof(AliasSet) or nameof(AliasRemoved) or nameof(RegionSnapshot)
        or nameof(RetirableGrantIndexed) or nameof(RetirableGrantUnindexed);

    /// <summary>Fixed bytes in the shape the key actor writes (fixtures must not change from run to run).</summary>
    private static SealedMaterial Sealed(int seed) =>
        new($"{seed:x32}", [.. Enumerable.Range(seed, 12).Select(i => (byte)i)], [.. Enumerable.Range(seed * 7, 48).Select(i => (byte)i)]);

    private static Grant SampleGrant => new()
    {
        GrantId = new string('a', 64),
        Name = "app",
        CreationDate = T0,
        GranteePrincipal = "arn:aws:iam::111122223333:role/app",
        RetiringPrincipal = "arn:aws:iam::111122223333:role/ops",
        IssuingAccount = "arn:aws:iam::111122223333:root",
        Operations = [GrantOperation.Encrypt, GrantOperation.Decrypt],
        EncryptionContextSubset = ImmutableSortedDictionary<string, string>.Empty.Add("purpose", "test"),
    };

    public static ImmutableSortedDictionary<string, IKmsPersistentMessage> All()
    {
        var plain = Imported(Imported(External(KeyState.Enabled), Material(2), importType: ImportType.NEW_KEY_MATERIAL), Material(1), validTo: T0.AddDays(5));
        var key = plain with { Materials = [.. plain.Materials.Select((m, i) => m with { Material = null, SealedMaterial = Sealed(i + 1) })] };
        IKmsPersistentMessage[] all =
        [
            key,
            new KeyCreated(key),
            new KeyMaterialImported(Material(1).KeyMaterialId, Material(1).Commitment, null, KeyMaterialState.CURRENT,
                ExpirationModelType.KEY_MATERIAL_EXPIRES, T0.AddDays(3), "batch 1", "token", T0.AddDays(1), true, T0, Sealed(1)),
            new KeyMaterialDeleted(Material(1).KeyMaterialId, true, T0),
            new KeyEnabled(T0),
            new KeyDisabled(T0),
            new KeyDeletionScheduled(T0.AddDays(7), 7, false),
            new KeyDeletionCanceled(KeyState.PendingImport),
            new KeyDeleted(T0),
            new KeyRotated(Material(2).KeyMaterialId, T0, RotationType.ON_DEMAND, Material(2).Commitment, null, Sealed(2)),
            new KeyRotationStatusChanged(true, 365, T0.AddDays(365)),
            new KeyDescriptionUpdated("d"),
            new KeyTagsAdded(ImmutableSortedDictionary<string, string>.Empty.Add("a", "b")),
            new KeyTagsRemoved(["a"]),
            new KeyPolicyPut("default", "{}"),
            new ReplicaAdded("arn:aws:kms:eu-west-1:111122223333:key/mrk-1"),
            new ReplicaCreationCompleted(KeyState.PendingImport, T0),
            new ReplicaMaterialAnnounced(Material(2).KeyMaterialId, Material(2).Commitment, T0),
            new ReplicaMaterialWithdrawn(Material(2).KeyMaterialId, T0),
            new ReplicaMaterialImported("arn:aws:kms:eu-west-1:111122223333:key/mrk-1", Material(2).KeyMaterialId, T0),
            new PrimaryRegionUpdated(MultiRegionKeyType.REPLICA, "arn:aws:kms:eu-west-1:111122223333:key/mrk-1",
                ["arn:aws:kms:us-east-1:111122223333:key/mrk-1", "arn:aws:kms:ap-southeast-2:111122223333:key/mrk-1"], T0.AddSeconds(2)),
            new KeyUpdateCompleted(T0.AddSeconds(2)),
            new KeyIndexed("k1", KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT, KeyState.Enabled, T0.AddDays(30)),
            new KeyUnindexed("k1"),
            new AliasSet("alias/app", "k1", T0, T0.AddHours(1)),
            new AliasRemoved("alias/app"),
            new GrantCreated(SampleGrant),
            new GrantRetired(new string('a', 64), true, T0),
            new RetirableGrantIndexed("k1", SampleGrant),
            new RetirableGrantUnindexed("k1", new string('a', 64)),
            new RegionSnapshot([new KeyIndexed("k1", KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC, KeyState.PendingImport, null)], [new AliasSet("alias/app", "k1", T0, T0)]),
        ];
        return all.ToImmutableSortedDictionary(e => e.GetType().Name, e => e);
    }
}
