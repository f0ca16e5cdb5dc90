using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// RotateKeyOnDemand, ListKeyRotations, GetKeyRotationStatus, Enable/DisableKeyRotation (docs/byok.md for imported material; limits: docs/limits.md).
public static partial class KeyRules
{
    /// <summary>AWS: at most 25 on-demand rotations per key, not adjustable (10 until early 2026).</summary>
    public const int MaxOnDemandRotations = 25;
    public const int MinRotationPeriodInDays = 90;
    public const int MaxRotationPeriodInDays = 2560;
    public const int DefaultRotationPeriodInDays = 365;

    /// <summary>AWS: rotation applies to symmetric encryption keys only.</summary>
    private static void RequireSymmetric(KmsKey key)
    {
        if (!IsSymmetric(key))
            throw KmsException.Unsupported($"{key.Arn} key spec is {key.KeySpec} which is not valid for this operation.");
    }

    private static KeyDecision RotateKeyOnDemand(KmsKey key, RotateKeyOnDemandRequest r, KeyContext c)
    {
        // AWS checks the key state first (a disabled RSA key is DisabledException), then the spec: asymmetric and
        // HMAC keys answer UnsupportedOperationException without a message member (docs/check-order.md).
        CheckState(key, "RotateKeyOnDemand");
        if (!IsSymmetric(key))
            throw new KmsException(KmsErrorCodes.UnsupportedOperationException, null);
        // AWS: related multi-Region keys rotate together, through the primary only (docs/multi-region-keys.md).
        if (key.MultiRegionKeyType == MultiRegionKeyType.REPLICA)
            throw KmsException.Unsupported($"{key.Arn} is a multi-Region replica key. Rotation is managed on its primary key.");
        if (key.OnDemandRotations >= MaxOnDemandRotations)
            throw new KmsException(KmsErrorCodes.LimitExceededException,
                $"The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: {key.Arn}");

        IKeyEvent rotated;
        if (key.Origin == OriginType.EXTERNAL)
        {
            // AWS: EXTERNAL keys rotate to the material imported with NEW_KEY_MATERIAL; a multi-Region one only once
            // every replica holds it (its state is then PENDING_ROTATION).
            var pending = key.Materials.FirstOrDefault(m => m.KeyMaterialState == KeyMaterialState.PENDING_ROTATION && m.IsPresent)
                ?? throw KmsException.InvalidState($"No available key material pending rotation for the key: {key.Arn}.");
            rotated = new KeyRotated(pending.KeyMaterialId, c.Now, RotationType.ON_DEMAND);
        }
        else
        {
            var generated = c.GeneratedMaterial ?? throw KmsException.Internal("RotateKeyOnDemand needs generated key material.");
            rotated = new KeyRotated(generated.KeyMaterialId, c.Now, RotationType.ON_DEMAND, generated.Commitment, generated.Material);
        }
        return KeyDecision.Persist(new RotateKeyOnDemandResponse { KeyId = key.Arn }, rotated);
    }

    private static KeyDecision ListKeyRotations(KmsKey key, ListKeyRotationsRequest r)
    {
        RequireSymmetric(key);
        CheckState(key, "ListKeyRotations");
        // AWS: ROTATIONS_ONLY (default) lists materials that rotated in; ALL_KEY_MATERIAL adds the first and pending ones.
        var all = r.IncludeKeyMaterial == IncludeKeyMaterial.ALL_KEY_MATERIAL;
        var entries = key.Materials.Where(m => all || m.RotationDate is not null).ToList();
        var (start, count) = Page("ListKeyRotations", r.Limit, r.Marker, entries.Count);
        var external = key.Origin == OriginType.EXTERNAL;
        var page = entries.Skip(start).Take(count).Select(m => new RotationsListEntry
        {
            KeyId = key.KeyId,
            KeyMaterialId = m.KeyMaterialId,
            KeyMaterialDescription = external ? m.KeyMaterialDescription : null,
            ImportState = external ? (m.IsPresent ? ImportState.IMPORTED : ImportState.PENDING_IMPORT) : null,
            KeyMaterialState = m.KeyMaterialState,
            ExpirationModel = external && m.IsPresent ? m.ExpirationModel : null,
            ValidTo = external && m.IsPresent ? m.ValidTo : null,
            RotationDate = m.RotationDate,
            RotationType = m.RotationType,
        }).ToList();
        var next = NextMarker(start, count, entries.Count);
        return KeyDecision.Reply(new ListKeyRotationsResponse { Rotations = page, NextMarker = next, Truncated = next is not null });
    }

    private static KeyDecision GetKeyRotationStatus(KmsKey key, GetKeyRotationStatusRequest r)
    {
        RequireSymmetric(key);
        CheckState(key, "GetKeyRotationStatus");
        // Our choice (docs/byok.md): a symmetric EXTERNAL key answers KeyRotationEnabled = false (no automatic rotation) instead of an error.
        if (key.Origin == OriginType.EXTERNAL)
            return KeyDecision.Reply(new GetKeyRotationStatusResponse { KeyId = key.Arn, KeyRotationEnabled = false });
        return KeyDecision.Reply(new GetKeyRotationStatusResponse
        {
            KeyId = key.Arn,
            KeyRotationEnabled = key.KeyRotationEnabled,
            RotationPeriodInDays = key.KeyRotationEnabled ? key.RotationPeriodInDays : null,
            NextRotationDate = key.KeyRotationEnabled ? key.NextRotationDate : null,
        });
    }

    /// <summary>AWS: automatic rotation is not valid for EXTERNAL keys (checked before the key state).</summary>
    private static void RequireAutomaticRotation(KmsKey key)
    {
        if (key.Origin == OriginType.EXTERNAL)
            throw KmsException.Unsupported($"{key.Arn} origin is EXTERNAL which is not valid for this operation.");
        RequireSymmetric(key);
    }

    private static KeyDecision EnableKeyRotation(KmsKey key, EnableKeyRotationRequest r, KeyContext c)
    {
        // The model's 90–2560 days is checked with every request (docs/validation.md).
        var days = r.RotationPeriodInDays ?? DefaultRotationPeriodInDays;
        // AWS's key-state table answers origin and spec first here ("[1] or [7]" when disabled; docs/check-order.md).
        RequireAutomaticRotation(key);
        CheckState(key, "EnableKeyRotation");
        if (key.MultiRegionKeyType == MultiRegionKeyType.REPLICA)
            throw KmsException.Unsupported($"{key.Arn} is a multi-Region replica key. Rotation is managed on its primary key.");
        return KeyDecision.Persist(EmptyResponse.Instance, new KeyRotationStatusChanged(true, days, c.Now.AddDays(days)));
    }

    private static KeyDecision DisableKeyRotation(KmsKey key, DisableKeyRotationRequest r)
    {
        // AWS's key-state table answers origin and spec first here ("[1] or [7]" when disabled; docs/check-order.md).
        RequireAutomaticRotation(key);
        CheckState(key, "DisableKeyRotation");
        if (key.MultiRegionKeyType == MultiRegionKeyType.REPLICA)
            throw KmsException.Unsupported($"{key.Arn} is a multi-Region replica key. Rotation is managed on its primary key.");
        return key.KeyRotationEnabled
            ? KeyDecision.Persist(EmptyResponse.Instance, new KeyRotationStatusChanged(false, null, null))
            : KeyDecision.Reply(EmptyResponse.Instance);
    }
}
