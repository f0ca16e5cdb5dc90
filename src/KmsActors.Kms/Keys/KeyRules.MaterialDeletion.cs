using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// DeleteImportedKeyMaterial and expiry at ValidTo (docs/byok.md, docs/key-states.md).
public static partial class KeyRules
{
    private static KeyDecision DeleteImportedKeyMaterial(KmsKey key, DeleteImportedKeyMaterialRequest r, KeyContext c)
    {
        RequireExternal(key); // AWS: a key that cannot have imported material (docs/key-states.md)
        CheckState(key, "DeleteImportedKeyMaterial");

        // AWS: KeyMaterialId omitted → the current material.
        var target = r.KeyMaterialId is null
            ? key.CurrentMaterial
            : key.Materials.FirstOrDefault(m => m.KeyMaterialId == r.KeyMaterialId)
              ?? throw KmsException.NotFound($"Key material {r.KeyMaterialId} is not associated with {key.Arn}.");
        var response = new DeleteImportedKeyMaterialResponse { KeyId = key.Arn, KeyMaterialId = target?.KeyMaterialId };
        // AWS 2023 table: on a PendingImport key (nothing imported) the call succeeds with no effect.
        if (target is not { IsPresent: true })
            return KeyDecision.Reply(response);
        return KeyDecision.Persist(response, new KeyMaterialDeleted(target.KeyMaterialId, Expired: false, c.Now));
    }

    /// <summary>
    /// The expiry timer's decision: every material whose ValidTo is at or before <paramref name="now"/> is deleted
    /// (Expired = true; CloudTrail DeleteExpiredKeyMaterial). A PendingDeletion key stays PendingDeletion (docs/byok.md).
    /// </summary>
    public static KeyDecision ExpireMaterial(KmsKey key, DateTimeOffset now) => new(
        [.. key.Materials.Where(m => m.IsPresent && m.ValidTo is { } validTo && validTo <= now)
            // The material expired at its ValidTo, however late the timer was handled (a time jump, a restart).
            .Select(m => (IKeyEvent)new KeyMaterialDeleted(m.KeyMaterialId, Expired: true, m.ValidTo!.Value))],
        null);

    /// <summary>The deletion timer's decision: at DeletionDate a PendingDeletion key is deleted (CloudTrail DeleteKey).</summary>
    public static KeyDecision DeleteIfDue(KmsKey key, DateTimeOffset now) =>
        key.State == KeyState.PendingDeletion && key.DeletionDate is { } date && date <= now
            ? KeyDecision.Persist(null, new KeyDeleted(date))
            : KeyDecision.Reply(null);

    /// <summary>The earliest moment the key must act on by itself: a material ValidTo, the DeletionDate or the end of
    /// Updating (null: none).</summary>
    public static DateTimeOffset? NextDueDate(KmsKey key)
    {
        var dates = key.Materials.Where(m => m.IsPresent && m.ValidTo is not null).Select(m => m.ValidTo!.Value).ToList();
        if (key.State == KeyState.PendingDeletion && key.DeletionDate is { } deletion)
            dates.Add(deletion);
        if (key.State == KeyState.Creating && key.CreatingUntil is { } created)
            dates.Add(created);
        if (key.State == KeyState.Updating && key.UpdatingUntil is { } updated)
            dates.Add(updated);
        return dates.Count == 0 ? null : dates.Min();
    }

    /// <summary>The earliest ValidTo of a present material (the expiry timer), or null.</summary>
    public static DateTimeOffset? NextExpiry(KmsKey key) =>
        key.Materials.Where(m => m.IsPresent && m.ValidTo is not null).Select(m => (DateTimeOffset?)m.ValidTo!.Value).Min();
}
