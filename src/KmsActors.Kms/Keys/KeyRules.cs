using System.Collections.Frozen;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

/// <summary>
/// A key's rules as a pure function: <see cref="Decide"/> turns (state, request, context) into events and a
/// response or throws the AWS error (<see cref="KmsException"/>); <see cref="Apply"/> folds an event into the state.
/// No clock, no I/O, no actors: the key actor supplies "now" and crypto results through <see cref="KeyContext"/>.
/// Refusals always throw; a refused request never produces events, so the key is left exactly as it was.
/// </summary>
public static partial class KeyRules
{
    // ---------------------------------------------------------------------------------------------------------
    // The key-state × operation table: AWS's key-state table as KmsActors answers it (docs/key-states.md, kept equal by
    // KeyStateDocTests). Each cell is the outcome in that state once the preconditions AWS checks first passed: the
    // origin for import and automatic rotation (AWS's table answers either there); for the other operations the state
    // comes before the key's spec and usage (docs/check-order.md), so a disabled RSA key answers RotateKeyOnDemand with
    // DisabledException.
    //   OK    succeeds (the operation may still refuse for its own reasons, e.g. no material pending rotation)
    //   DIS        DisabledException         "<key ARN> is disabled."
    //   PDEL       KMSInvalidStateException  "<key ARN> is pending deletion."  (or "pending replica deletion")
    //              For crypto operations AWS's table allows DisabledException or this; KmsActors always uses this.
    //   PIMP       KMSInvalidStateException  "<key ARN> is pending import."
    //   NPDEL      KMSInvalidStateException  "<key ARN> is not pending deletion."
    //   CRE        KMSInvalidStateException  "<key ARN> is creating."
    // PendingReplicaDeletion uses the PendingDeletion column. Creating (a new multi-Region replica, for
    // kms.multi-region.replica-creation-delay) is the set below the table: AWS lets a Creating key be managed but not
    // used, so every operation outside that set answers CRE. Updating (after UpdatePrimaryRegion) uses the Enabled
    // column for the operations that only read or use the key, and refuses the rest (docs/multi-region-keys.md).
    // Unavailable never occurs here (there are no custom key stores).
    // ---------------------------------------------------------------------------------------------------------
    private static readonly FrozenDictionary<string, Row> Table = new Dictionary<string, Row>
    {
        //                                      Enabled     Disabled    PendingDeletion  PendingImport
        ["CancelKeyDeletion"] =            new(Cell.NPDEL, Cell.NPDEL, Cell.OK,         Cell.NPDEL),
        ["DescribeKey"] =                  new(Cell.OK,    Cell.OK,    Cell.OK,         Cell.OK),
        ["DeleteImportedKeyMaterial"] =    new(Cell.OK,    Cell.OK,    Cell.OK,         Cell.OK),   // not EXTERNAL: UnsupportedOperation first; PendingImport: no effect
        ["DisableKey"] =                   new(Cell.OK,    Cell.OK,    Cell.PDEL,       Cell.PIMP),
        ["EnableKey"] =                    new(Cell.OK,    Cell.OK,    Cell.PDEL,       Cell.PIMP),
        ["EnableKeyRotation"] =            new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP), // EXTERNAL: UnsupportedOperation first
        ["DisableKeyRotation"] =           new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP), // EXTERNAL: UnsupportedOperation first
        ["GetKeyRotationStatus"] =         new(Cell.OK,    Cell.OK,    Cell.OK,         Cell.OK),   // EXTERNAL → false (docs/byok.md)
        ["ListKeyRotations"] =             new(Cell.OK,    Cell.OK,    Cell.OK,         Cell.OK),
        ["RotateKeyOnDemand"] =            new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP),
        ["GetParametersForImport"] =       new(Cell.OK,    Cell.OK,    Cell.PDEL,       Cell.OK),   // not EXTERNAL: UnsupportedOperation first
        ["ImportKeyMaterial"] =            new(Cell.OK,    Cell.OK,    Cell.PDEL,       Cell.OK),   // not EXTERNAL: UnsupportedOperation first
        ["ScheduleKeyDeletion"] =          new(Cell.OK,    Cell.OK,    Cell.PDEL,       Cell.OK),
        ["TagResource"] =                  new(Cell.OK,    Cell.OK,    Cell.PDEL,       Cell.OK),
        ["UntagResource"] =                new(Cell.OK,    Cell.OK,    Cell.PDEL,       Cell.OK),
        ["UpdateKeyDescription"] =         new(Cell.OK,    Cell.OK,    Cell.PDEL,       Cell.OK),
        ["ListResourceTags"] =             new(Cell.OK,    Cell.OK,    Cell.OK,         Cell.OK),
        ["GetKeyPolicy"] =                 new(Cell.OK,    Cell.OK,    Cell.OK,         Cell.OK),
        ["PutKeyPolicy"] =                 new(Cell.OK,    Cell.OK,    Cell.OK,         Cell.OK),
        ["ListKeyPolicies"] =              new(Cell.OK,    Cell.OK,    Cell.OK,         Cell.OK),
        ["ReplicateKey"] =                 new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP),
        ["UpdatePrimaryRegion"] =          new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP), // both keys must be Enabled
        ["CreateAlias"] =                  new(Cell.OK,    Cell.OK,    Cell.PDEL,       Cell.OK),
        // Grants (docs/grants.md): creating one is key management; listing, retiring and revoking work in every state.
        ["CreateGrant"] =                  new(Cell.OK,    Cell.OK,    Cell.PDEL,       Cell.OK),
        ["ListGrants"] =                   new(Cell.OK,    Cell.OK,    Cell.OK,         Cell.OK),
        ["RetireGrant"] =                  new(Cell.OK,    Cell.OK,    Cell.OK,         Cell.OK),
        ["RevokeGrant"] =                  new(Cell.OK,    Cell.OK,    Cell.OK,         Cell.OK),
        // Cryptographic operations ("N/A*" cells of the 2023 table are PIMP now that asymmetric/HMAC keys import).
        ["Encrypt"] =                      new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP),
        ["Decrypt"] =                      new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP),
        ["ReEncrypt"] =                    new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP),
        ["GenerateDataKey"] =              new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP),
        ["GenerateDataKeyWithoutPlaintext"] = new(Cell.OK, Cell.DIS,   Cell.PDEL,       Cell.PIMP),
        ["GenerateDataKeyPair"] =          new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP),
        ["GenerateDataKeyPairWithoutPlaintext"] = new(Cell.OK, Cell.DIS, Cell.PDEL,     Cell.PIMP),
        ["Sign"] =                         new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP),
        ["Verify"] =                       new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP),
        ["GenerateMac"] =                  new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP),
        ["VerifyMac"] =                    new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP),
        ["GetPublicKey"] =                 new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP),
        ["DeriveSharedSecret"] =           new(Cell.OK,    Cell.DIS,   Cell.PDEL,       Cell.PIMP),
    }.ToFrozenDictionary(StringComparer.Ordinal); // read for every crypto call

    /// <summary>What a Creating replica allows: reading it and managing its own (non-shared) properties.</summary>
    private static readonly FrozenSet<string> AllowedWhileCreating = new[]
    {
        "DescribeKey", "GetKeyRotationStatus", "ListKeyRotations", "TagResource", "UntagResource", "ListResourceTags",
        "UpdateKeyDescription", "GetKeyPolicy", "PutKeyPolicy", "ListKeyPolicies", "CreateAlias",
        "CreateGrant", "ListGrants", "RetireGrant", "RevokeGrant",
    }.ToFrozenSet(StringComparer.Ordinal);

    private enum Cell { OK, DIS, PDEL, PIMP, NPDEL, CRE }

    private sealed record Row(Cell Enabled, Cell Disabled, Cell PendingDeletion, Cell PendingImport);

    /// <summary>Throws the AWS error the key-state table gives for <paramref name="operation"/> in the key's state.</summary>
    public static void CheckState(KmsKey key, string operation)
    {
        if (!Table.TryGetValue(operation, out var row))
            throw new ArgumentException($"{operation} is not in the key-state table.", nameof(operation));
        var cell = key.State switch
        {
            KeyState.Enabled => row.Enabled,
            KeyState.Disabled => row.Disabled,
            KeyState.PendingDeletion or KeyState.PendingReplicaDeletion => row.PendingDeletion,
            KeyState.PendingImport => row.PendingImport,
            KeyState.Creating => AllowedWhileCreating.Contains(operation) ? Cell.OK : Cell.CRE,
            KeyState.Updating when UsableWhileUpdating(operation) => row.Enabled,
            _ => throw KmsException.InvalidState($"{key.Arn} is {key.State.ToString().ToLowerInvariant()}."),
        };
        switch (cell)
        {
            case Cell.DIS: throw KmsException.Disabled($"{key.Arn} is disabled.");
            case Cell.PDEL: throw KmsException.InvalidState($"{key.Arn} is {PendingDeletionWords(key)}.");
            case Cell.PIMP: throw KmsException.InvalidState($"{key.Arn} is pending import.");
            case Cell.NPDEL: throw KmsException.InvalidState($"{key.Arn} is not pending deletion.");
            case Cell.CRE: throw KmsException.InvalidState($"{key.Arn} is creating.");
        }
    }

    private static string PendingDeletionWords(KmsKey key) =>
        key.State == KeyState.PendingReplicaDeletion ? "pending replica deletion" : "pending deletion";

    /// <summary>Decides a key API request. <paramref name="key"/> is null only for CreateKey.</summary>
    public static KeyDecision Decide(KmsKey? key, object request, KeyContext context)
    {
        if (request is CreateKeyRequest create)
            return Create(key, create, context);
        if (key is null)
            throw KmsException.NotFound("Invalid keyId");
        return request switch
        {
            DescribeKeyRequest r => DescribeKey(key, r),
            GetParametersForImportRequest r => ApproveGetParametersForImport(key, r, context),
            ImportKeyMaterialRequest r => ImportKeyMaterial(key, r, context),
            DeleteImportedKeyMaterialRequest r => DeleteImportedKeyMaterial(key, r, context),
            EnableKeyRequest r => EnableKey(key, r, context),
            DisableKeyRequest r => DisableKey(key, r, context),
            ScheduleKeyDeletionRequest r => ScheduleKeyDeletion(key, r, context),
            CancelKeyDeletionRequest r => CancelKeyDeletion(key, r),
            RotateKeyOnDemandRequest r => RotateKeyOnDemand(key, r, context),
            ListKeyRotationsRequest r => ListKeyRotations(key, r),
            GetKeyRotationStatusRequest r => GetKeyRotationStatus(key, r),
            EnableKeyRotationRequest r => EnableKeyRotation(key, r, context),
            DisableKeyRotationRequest r => DisableKeyRotation(key, r),
            UpdateKeyDescriptionRequest r => UpdateKeyDescription(key, r),
            TagResourceRequest r => TagResource(key, r),
            UntagResourceRequest r => UntagResource(key, r),
            ListResourceTagsRequest r => ListResourceTags(key, r),
            GetKeyPolicyRequest r => GetKeyPolicy(key, r),
            PutKeyPolicyRequest r => PutKeyPolicy(key, r),
            ListKeyPoliciesRequest r => ListKeyPolicies(key, r),
            ReplicateKeyRequest r => ApproveReplicateKey(key, r),
            UpdatePrimaryRegionRequest r => ApproveUpdatePrimaryRegion(key, r),
            _ => throw new ArgumentException($"{request.GetType().Name} is not decided by the key rules.", nameof(request)),
        };
    }

    /// <summary>True for the operations <see cref="Decide"/> handles (the DecidedByRules column of
    /// Model/KmsCatalogue.Facts.cs; the rest a key actor serves are grants and cryptographic operations).</summary>
    public static bool Decides(object request) => KmsCatalogue.FactsOf(request) is { DecidedByRules: true };

    /// <summary>Symmetric encryption keys are the only ones with ImportType, rotation and KeyMaterialId in DescribeKey (docs/byok.md).</summary>
    internal static bool IsSymmetric(KmsKey key) => key.KeySpec == KeySpec.SYMMETRIC_DEFAULT;

    /// <summary>All permanently-associated (CURRENT / NON_CURRENT) materials are present: the key can be usable (docs/byok.md).</summary>
    internal static bool HasAllPermanentMaterial(KmsKey key) =>
        key.Materials.Any(m => m.IsPermanentlyAssociated) && key.Materials.Where(m => m.IsPermanentlyAssociated).All(m => m.IsPresent);
}
