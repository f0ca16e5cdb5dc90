using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Regions;

// Which key a call is for: key ID, key ARN, alias name or alias ARN (reference §2, "Common shape constraints").
public sealed partial class RegionActor
{
    /// <summary>The key ID of the key a forwarded call targets.</summary>
    private string ResolveTarget(KmsCommand command)
    {
        var request = command.Request;
        switch (request)
        {
            // AWS: these three accept only a key ID or key ARN, never an alias.
            case GetParametersForImportRequest r: return ResolveKeyId(r.KeyId, "keyId", allowAlias: false);
            case ImportKeyMaterialRequest r: return ResolveKeyId(r.KeyId, "keyId", allowAlias: false);
            case DeleteImportedKeyMaterialRequest r: return ResolveKeyId(r.KeyId, "keyId", allowAlias: false);
            // AWS: UpdatePrimaryRegion's KeyId is "the key ID or key ARN of a multi-Region primary key".
            case UpdatePrimaryRegionRequest r: return ResolveKeyId(r.KeyId, "keyId", allowAlias: false);
            // AWS: KeyId is optional on Decrypt (symmetric) and ReEncrypt's source: the ciphertext names the key.
            case DecryptRequest { KeyId: null } r: return KeyOfCiphertext(r.CiphertextBlob);
            // AWS: RetireGrant names its key by KeyId, or only by its grant token.
            case RetireGrantRequest r: return RetireGrantTarget(r);
            case ReEncryptRequest r: return r.SourceKeyId is null ? KeyOfCiphertext(r.CiphertextBlob) : ResolveKeyId(r.SourceKeyId, "sourceKeyId", allowAlias: true);
        }
        if (!RequestKeyId.TryRead(request, out var keyId))
            throw KmsException.Unsupported($"{command.Operation} is not supported by KmsActors.");
        return ResolveKeyId(keyId, "keyId", allowAlias: true);
    }

    private string KeyOfCiphertext(byte[]? ciphertext)
    {
        if (ciphertext is null)
            throw KmsException.Validation("1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null");
        var keyId = _keyIdOfCiphertext?.Invoke(ciphertext);
        if (keyId is null || !IsKnownKey(keyId))
            throw KmsException.InvalidCiphertext("The ciphertext refers to a KMS key that does not exist, or is not a KMS ciphertext.");
        return keyId;
    }

    /// <summary>
    /// Resolves <paramref name="keyId"/> to a key ID of this region. Errors as AWS sends them (reference §1):
    /// malformed ARN → InvalidArnException; ARN of another account or region, unknown key → NotFoundException
    /// "Key '&lt;arn&gt;' does not exist"; a string that is no key ID → NotFoundException "Invalid keyId '&lt;id&gt;'";
    /// unknown alias → NotFoundException "Alias &lt;alias-arn&gt; is not found.".
    /// With <paramref name="allowAlias"/> false (GetParametersForImport, ImportKeyMaterial, DeleteImportedKeyMaterial,
    /// alias targets, ListAliases' filter) an alias name or alias ARN is not a key identifier at all, so it is refused
    /// like any other string that is no key ID: NotFoundException "Invalid keyId '&lt;given&gt;'" (KmsActors' choice; the
    /// reference only says these accept a key ID or key ARN).
    /// </summary>
    private string ResolveKeyId(string? keyId, string member, bool allowAlias)
    {
        if (string.IsNullOrEmpty(keyId))
            throw KmsException.Validation($"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

        if (keyId.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (!KmsArn.TryParse(keyId, out var arn))
                throw new KmsException(KmsErrorCodes.InvalidArnException, $"ARN '{keyId}' is not a valid KMS key or alias ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>).");
            if (arn.IsAlias && !allowAlias)
                throw KmsException.NotFound($"Invalid keyId '{keyId}'");
            var here = arn.AccountId == _accountId && arn.Region == _region;
            if (arn.IsAlias)
                return here ? AliasTarget(arn.AliasName) : throw AliasNotFound(keyId);
            return here && IsKnownKey(arn.ResourceId) ? arn.ResourceId : throw KmsException.NotFound($"Key '{keyId}' does not exist");
        }

        if (keyId.StartsWith("alias/", StringComparison.Ordinal))
            return allowAlias ? AliasTarget(keyId) : throw KmsException.NotFound($"Invalid keyId '{keyId}'");

        if (IsKnownKey(keyId))
            return keyId;
        throw KmsArn.IsWellFormedKeyId(keyId)
            ? KmsException.NotFound($"Key '{KeyArn(keyId)}' does not exist")
            : KmsException.NotFound($"Invalid keyId '{keyId}'");
    }

    private string AliasTarget(string aliasName) =>
        _index.Aliases.TryGetValue(aliasName, out var alias) ? alias.TargetKeyId : throw AliasNotFound(AliasArn(aliasName));

    private static KmsException AliasNotFound(string aliasArn) => KmsException.NotFound($"Alias {aliasArn} is not found.");

    /// <summary>Indexed, or being created right now (its actor has not reported yet).</summary>
    private bool IsKnownKey(string keyId) => _index.HasKey(keyId) || _pending.ContainsKey(keyId);
}
