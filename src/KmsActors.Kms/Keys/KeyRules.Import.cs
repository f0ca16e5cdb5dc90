using System.Security.Cryptography;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// GetParametersForImport and ImportKeyMaterial (docs/byok.md).
public static partial class KeyRules
{
    /// <summary>AWS: ValidTo at most 365 days after the request.</summary>
    public static readonly TimeSpan MaxValidity = TimeSpan.FromDays(365);

    /// <summary>AWS: only EXTERNAL keys take imported material; otherwise UnsupportedOperationException (docs/key-states.md).</summary>
    private static void RequireExternal(KmsKey key)
    {
        if (key.Origin != OriginType.EXTERNAL)
            throw KmsException.Unsupported($"{key.Arn} origin is {key.Origin} which is not valid for this operation.");
    }

    /// <summary>Approves or refuses GetParametersForImport; the actor builds the response (pool key + sealed token).</summary>
    private static KeyDecision ApproveGetParametersForImport(KmsKey key, GetParametersForImportRequest r, KeyContext c)
    {
        RequireExternal(key); // AWS's key-state table: origin before state ("[8] or [9]"; docs/check-order.md)
        CheckState(key, "GetParametersForImport");
        var algorithm = r.WrappingAlgorithm!.Value;
        var wrappingSpec = r.WrappingKeySpec!.Value;

        // docs/byok.md: RSAES_PKCS1_V1_5 is unsupported since 2023-10-10 unless kms.import.allow-legacy-pkcs1 = on.
        if (algorithm == AlgorithmSpec.RSAES_PKCS1_V1_5 && !c.AllowLegacyPkcs1)
            throw KmsException.Validation("The RSAES_PKCS1_V1_5 wrapping algorithm is deprecated and no longer supported. Use RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256.");
        // docs/byok.md: RSA_AES_KEY_WRAP_* not in China Regions. (SM2 and SM2PKE outside China are no values of their
        // enums there: the model's check refused them, docs/validation.md.)
        if (algorithm is AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1 or AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256 && c.IsChina)
            throw KmsException.Unsupported($"WrappingAlgorithm {algorithm} is not supported in China Regions.");
        if ((algorithm == AlgorithmSpec.SM2PKE) != (wrappingSpec == WrappingKeySpec.SM2))
            throw KmsException.Validation($"WrappingAlgorithm {algorithm} is not compatible with WrappingKeySpec {wrappingSpec}.");

        // docs/byok.md: an RSA private key never fits one RSA-OAEP block; a P-521 PKCS#8 key does not fit RSA_2048 OAEP.
        var directRsa = algorithm is AlgorithmSpec.RSAES_OAEP_SHA_1 or AlgorithmSpec.RSAES_OAEP_SHA_256 or AlgorithmSpec.RSAES_PKCS1_V1_5;
        if (directRsa && key.KeySpec is KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096)
            throw KmsException.Validation($"WrappingAlgorithm {algorithm} cannot wrap {key.KeySpec} key material. Use RSA_AES_KEY_WRAP_SHA_256.");
        if (directRsa && key.KeySpec == KeySpec.ECC_NIST_P521 && wrappingSpec == WrappingKeySpec.RSA_2048)
            throw KmsException.Validation($"WrappingAlgorithm {algorithm} with WrappingKeySpec RSA_2048 cannot wrap ECC_NIST_P521 key material. Use a larger wrapping key or RSA_AES_KEY_WRAP_SHA_256.");
        return KeyDecision.Reply(null);
    }

    /// <summary>
    /// The ImportKeyMaterial checks that need no crypto (required members, origin, key state, expiration settings,
    /// ImportType and KeyMaterialId parameters). The actor calls it before unsealing the token and unwrapping, and
    /// <see cref="Decide"/> repeats it.
    /// </summary>
    public static void CheckImportRequest(KmsKey key, ImportKeyMaterialRequest r, DateTimeOffset now)
    {
        RequireExternal(key); // AWS's key-state table: origin before state ("[8] or [9]"; docs/check-order.md)
        CheckState(key, "ImportKeyMaterial");
        // docs/byok.md: ImportType exists for symmetric keys only.
        if (r.ImportType is not null && !IsSymmetric(key))
            throw KmsException.Unsupported($"{key.Arn} key spec is {key.KeySpec}; ImportType is supported only for symmetric encryption KMS keys.");

        // AWS (recorded; docs/byok.md): the default model is KEY_MATERIAL_EXPIRES, so a bare import needs ValidTo.
        var model = r.ExpirationModel ?? ExpirationModelType.KEY_MATERIAL_EXPIRES;
        if (model == ExpirationModelType.KEY_MATERIAL_EXPIRES && r.ValidTo is null)
            throw KmsException.Validation("A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES");
        if (model == ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE && r.ValidTo is not null)
            throw KmsException.Validation("A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE");
        if (r.ValidTo is { } validTo && validTo <= now)
            throw KmsException.Validation("The validTo date must be in the future.");
        if (r.ValidTo is { } far && far > now + MaxValidity)
            throw KmsException.Validation("The validTo date must be no more than 365 days from the current date.");

        // AWS (docs/byok.md): KeyMaterialId cannot be combined with NEW_KEY_MATERIAL.
        if (r.KeyMaterialId is not null && r.ImportType == ImportType.NEW_KEY_MATERIAL)
            throw KmsException.Validation("KeyMaterialId cannot be specified when ImportType is NEW_KEY_MATERIAL.");
    }

    /// <summary>docs/byok.md: a token used once is invalid, whatever the material sent with it; checked before unwrapping.</summary>
    public static void CheckImportTokenUnused(KmsKey key, string tokenId)
    {
        if (key.ConsumedImportTokens.ContainsKey(tokenId))
            throw KmsException.InvalidImportToken("The import token has already been used. Call GetParametersForImport for a new public key and import token.");
    }

    private static KeyDecision ImportKeyMaterial(KmsKey key, ImportKeyMaterialRequest r, KeyContext c)
    {
        CheckImportRequest(key, r, c.Now);
        var import = c.Import ?? throw KmsException.Internal("ImportKeyMaterial needs the validated import.");

        // docs/byok.md: each token is single use; the actor already refused foreign and garbled tokens.
        CheckImportTokenUnused(key, import.TokenId);
        if (import.TokenValidTo <= c.Now)
            throw KmsException.ExpiredImportToken("The import token is expired. Call GetParametersForImport for a new public key and import token.");

        var associated = key.Materials.FirstOrDefault(m => m.KeyMaterialId == import.KeyMaterialId
            && CryptographicOperations.FixedTimeEquals(m.Commitment, import.Commitment));
        if (r.KeyMaterialId is not null && (r.KeyMaterialId != import.KeyMaterialId || associated is null))
            throw KmsException.IncorrectKeyMaterial($"The key material ID {r.KeyMaterialId} does not match the imported key material or is not associated with {key.Arn}.");

        // AWS (docs/byok.md): default NEW if nothing was ever imported, else EXISTING; asymmetric/HMAC keys are bound to the first material.
        var importType = r.ImportType ?? (key.Materials.IsEmpty ? ImportType.NEW_KEY_MATERIAL : ImportType.EXISTING_KEY_MATERIAL);
        KeyMaterialState materialState;
        if (importType == ImportType.EXISTING_KEY_MATERIAL)
        {
            materialState = associated?.KeyMaterialState ?? throw KmsException.IncorrectKeyMaterial(
                key.MultiRegionKeyType == MultiRegionKeyType.REPLICA
                    ? $"The key material does not match the key material of the primary key of {key.Arn}."
                    : $"The key material does not match the key material previously imported into {key.Arn}.");
            // A replica's copy of its primary's new material is ready for the primary's rotation once imported here.
            if (key.MultiRegionKeyType == MultiRegionKeyType.REPLICA && !associated.IsPermanentlyAssociated)
                materialState = KeyMaterialState.PENDING_ROTATION;
        }
        else
        {
            if (key.MultiRegionKeyType == MultiRegionKeyType.REPLICA)
                throw KmsException.Unsupported($"{key.Arn} is a multi-Region replica key. Import new key material into its primary key.");
            if (associated is not null)
                throw KmsException.IncorrectKeyMaterial($"The key material (id: {import.KeyMaterialId}) is already associated with {key.Arn}; import it with ImportType EXISTING_KEY_MATERIAL.");
            if (key.Materials.IsEmpty)
            {
                materialState = KeyMaterialState.CURRENT;
            }
            else
            {
                var pending = key.Materials.FirstOrDefault(m => !m.IsPermanentlyAssociated);
                if (pending is not null)
                    throw KmsException.InvalidState($"New key material (id: {import.KeyMaterialId}) cannot be imported into KMS key {key.Arn}, because another key material (id: {pending.KeyMaterialId}) is pending rotation.");
                // AWS (docs/multi-region-keys.md): a multi-Region primary's new material waits for every replica before it can rotate in.
                materialState = key.MultiRegionKeyType == MultiRegionKeyType.PRIMARY && !key.ReplicaArns.IsEmpty
                    ? KeyMaterialState.PENDING_MULTI_REGION_IMPORT_AND_ROTATION
                    : KeyMaterialState.PENDING_ROTATION;
            }
        }

        var model = r.ExpirationModel ?? ExpirationModelType.KEY_MATERIAL_EXPIRES;
        var after = key.Materials.Where(m => m.KeyMaterialId != import.KeyMaterialId)
            .Append(new KeyMaterialEntry { KeyMaterialId = import.KeyMaterialId, Commitment = import.Commitment, Material = import.Material, KeyMaterialState = materialState })
            .ToList();
        var completes = key.State == KeyState.PendingImport && after.Where(m => m.IsPermanentlyAssociated).All(m => m.IsPresent);
        var imported = new KeyMaterialImported(
            import.KeyMaterialId, import.Commitment, import.Material, materialState, model,
            model == ExpirationModelType.KEY_MATERIAL_EXPIRES ? r.ValidTo : null,
            r.KeyMaterialDescription ?? associated?.KeyMaterialDescription, // AWS: omitted → previous description kept
            import.TokenId, import.TokenValidTo, completes, c.Now);
        return KeyDecision.Persist(new ImportKeyMaterialResponse { KeyId = key.Arn, KeyMaterialId = import.KeyMaterialId }, imported);
    }
}
