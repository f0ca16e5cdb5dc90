using System.Collections.Immutable;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// Apply: folds one persisted event into the key. Total and deterministic; all checking happened in Decide.
public static partial class KeyRules
{
    public static KmsKey Apply(KmsKey? key, IKeyEvent e)
    {
        if (e is KeyCreated created)
            return created.Key;
        if (key is null)
            throw new InvalidOperationException($"{e.GetType().Name} before KeyCreated.");
        return e switch
        {
            KeyMaterialImported x => Imported(key, x),
            KeyMaterialDeleted x => MaterialDeleted(key, x),
            KeyEnabled => key with { State = KeyState.Enabled },
            KeyDisabled => key with { State = KeyState.Disabled },
            KeyDeletionScheduled x => key with
            {
                State = x.PendingReplicaDeletion ? KeyState.PendingReplicaDeletion : KeyState.PendingDeletion,
                DeletionDate = x.DeletionDate,
                PendingWindowInDays = x.PendingWindowInDays,
            },
            KeyDeletionCanceled x => key with { State = x.ResultingState, DeletionDate = null, PendingWindowInDays = null },
            KeyDeleted => key with { Grants = [] }, // AWS: a key's grants are deleted with it
            GrantCreated x => key with { Grants = key.Grants.Add(x.Grant) },
            GrantRetired x => key with { Grants = key.Grants.RemoveAll(g => g.GrantId == x.GrantId) },
            KeyRotated x => Rotated(key, x),
            KeyRotationStatusChanged x => key with { KeyRotationEnabled = x.KeyRotationEnabled, RotationPeriodInDays = x.RotationPeriodInDays, NextRotationDate = x.NextRotationDate },
            KeyDescriptionUpdated x => key with { Description = x.Description },
            KeyTagsAdded x => key with { Tags = key.Tags.SetItems(x.Tags) },
            KeyTagsRemoved x => key with { Tags = key.Tags.RemoveRange(x.TagKeys) },
            KeyPolicyPut x => key with { Policies = key.Policies.SetItem(x.PolicyName, x.Policy) },
            ReplicaAdded x => WithPendingStates(key with { ReplicaArns = key.ReplicaArns.Add(x.ReplicaArn) }),
            ReplicaCreationCompleted x => key with { State = x.State, CreatingUntil = null },
            ReplicaMaterialAnnounced x => MaterialAnnounced(key, x),
            ReplicaMaterialWithdrawn x => MaterialWithdrawn(key, x),
            ReplicaMaterialImported x => ReplicaImported(key, x),
            PrimaryRegionUpdated x => PrimaryRegionMoved(key, x),
            // Enabled again; an imported key whose material expired meanwhile is PendingImport, as it would have become.
            KeyUpdateCompleted => key with
            {
                State = key.Origin == OriginType.EXTERNAL && !HasAllPermanentMaterial(key) ? KeyState.PendingImport : KeyState.Enabled,
                UpdatingUntil = null,
            },
            _ => throw new ArgumentException($"Unknown key event {e.GetType().Name}.", nameof(e)),
        };
    }

    private static KmsKey Imported(KmsKey key, KeyMaterialImported e)
    {
        var entry = new KeyMaterialEntry
        {
            KeyMaterialId = e.KeyMaterialId,
            Commitment = e.Commitment,
            Material = e.Material,
            SealedMaterial = e.SealedMaterial,
            KeyMaterialState = e.KeyMaterialState,
            ImportState = ImportState.IMPORTED,
            ExpirationModel = e.ExpirationModel,
            ValidTo = e.ValidTo,
            KeyMaterialDescription = e.KeyMaterialDescription,
        };
        var index = key.Materials.FindIndex(m => m.KeyMaterialId == e.KeyMaterialId);
        var materials = index < 0
            ? key.Materials.Add(entry)
            : key.Materials.SetItem(index, entry with
            {
                RotationDate = key.Materials[index].RotationDate,
                RotationType = key.Materials[index].RotationType,
                ImportedInReplicas = key.Materials[index].ImportedInReplicas,
            });
        // docs/byok.md: consumed tokens are remembered until they would have expired anyway.
        var tokens = key.ConsumedImportTokens.Where(t => t.Value > e.At).ToImmutableSortedDictionary().SetItem(e.TokenId, e.TokenValidTo);
        return key with
        {
            Materials = materials,
            ConsumedImportTokens = tokens,
            State = e.CompletesSet ? KeyState.Enabled : key.State,
        };
    }

    private static KmsKey MaterialDeleted(KmsKey key, KeyMaterialDeleted e)
    {
        var index = key.Materials.FindIndex(m => m.KeyMaterialId == e.KeyMaterialId);
        if (index < 0)
            return key;
        var entry = key.Materials[index];
        // AWS (docs/byok.md): pending material is not permanently associated: it goes away and may be replaced by other material.
        // A replica's copy of its primary's pending material goes back to pending import: the primary still has it
        // (AWS: deleting a replica's material leaves the primary unchanged), so the replica may import it again.
        if (!entry.IsPermanentlyAssociated)
            return key.MultiRegionKeyType == MultiRegionKeyType.REPLICA
                ? key with { Materials = key.Materials.SetItem(index, entry with { Material = null, SealedMaterial = null, ImportState = ImportState.PENDING_IMPORT,
                    ExpirationModel = null, ValidTo = null, KeyMaterialState = KeyMaterialState.PENDING_MULTI_REGION_IMPORT_AND_ROTATION }) }
                : key with { Materials = key.Materials.RemoveAt(index) };
        var gone = entry with { Material = null, SealedMaterial = null, ImportState = ImportState.PENDING_IMPORT, ExpirationModel = null, ValidTo = null };
        // AWS (docs/key-states.md): Enabled/Disabled → PendingImport; PendingDeletion (and PendingImport) unchanged.
        var state = key.State is KeyState.Enabled or KeyState.Disabled ? KeyState.PendingImport : key.State;
        return key with { Materials = key.Materials.SetItem(index, gone), State = state };
    }

    private static KmsKey Rotated(KmsKey key, KeyRotated e)
    {
        var materials = key.Materials
            .Select(m => m.KeyMaterialState == KeyMaterialState.CURRENT ? m with { KeyMaterialState = KeyMaterialState.NON_CURRENT } : m)
            .ToImmutableList();
        var index = materials.FindIndex(m => m.KeyMaterialId == e.NewKeyMaterialId);
        if (index >= 0)
        {
            materials = materials.SetItem(index, materials[index] with { KeyMaterialState = KeyMaterialState.CURRENT, RotationDate = e.At, RotationType = e.RotationType });
        }
        else
        {
            materials = materials.Add(new KeyMaterialEntry
            {
                KeyMaterialId = e.NewKeyMaterialId,
                Commitment = e.GeneratedCommitment ?? [],
                Material = e.GeneratedMaterial,
                SealedMaterial = e.SealedGeneratedMaterial,
                KeyMaterialState = KeyMaterialState.CURRENT,
                RotationDate = e.At,
                RotationType = e.RotationType,
            });
        }
        // A replica that rotates (with its primary) to material it has not imported cannot be used until it has.
        var usable = materials.Where(m => m.IsPermanentlyAssociated).All(m => m.IsPresent);
        return key with
        {
            Materials = materials,
            OnDemandRotations = key.OnDemandRotations + (e.RotationType == RotationType.ON_DEMAND ? 1 : 0),
            State = !usable && key.State is KeyState.Enabled or KeyState.Disabled ? KeyState.PendingImport : key.State,
        };
    }
}
