using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Regions;

// Which key a call is for: key ID, key ARN, alias name or alias ARN, as the operation's member accepts them
// (KmsCatalogue.KeyIdFormsOf, read from the API reference: docs/identifiers.md).
public sealed partial class RegionActor
{
    /// <summary>The key ID of the key a forwarded call targets.</summary>
    private string ResolveTarget(KmsCommand command)
    {
        var request = command.Request;
        switch (request)
        {
            // AWS: KeyId is optional on Decrypt (symmetric) and ReEncrypt's source: the ciphertext names the key.
            case DecryptRequest { KeyId: null } r: return KeyOfCiphertext(r.CiphertextBlob);
            // AWS: RetireGrant names its key by KeyId, or only by its grant token.
            case RetireGrantRequest r: return RetireGrantTarget(r);
            case ReEncryptRequest r:
                return r.SourceKeyId is null ? KeyOfCiphertext(r.CiphertextBlob) : ResolveKeyId(r.SourceKeyId, KmsCatalogue.KeyIdFormsOf("ReEncrypt", "SourceKeyId"));
        }
        if (!RequestKeyId.TryRead(request, out var keyId))
            throw KmsException.Unsupported($"{command.Operation} is not supported by KmsActors.");
        return ResolveKeyId(keyId, KmsCatalogue.KeyIdFormsOf(command.Operation, "KeyId"));
    }

    private string KeyOfCiphertext(byte[]? ciphertext)
    {
        KeyRules.Require(ciphertext, "ciphertextBlob");
        var keyId = _keyIdOfCiphertext?.Invoke(ciphertext);
        if (keyId is null || !IsKnownKey(keyId))
            throw KmsException.InvalidCiphertext(); // AWS: no message (docs/check-order.md)
        return keyId;
    }

    /// <summary>
    /// Resolves <paramref name="keyId"/> (present: the model's check ran before) to a key ID of this region, accepting
    /// the <paramref name="forms"/> the operation's member takes. Answers as AWS does (docs/identifiers.md):
    /// an ARN that is no KMS key or alias ARN → NotFoundException "Invalid arn"; an ARN of another region →
    /// NotFoundException "Invalid arn &lt;region&gt;"; a form the member does not take, or a string that is no key ID →
    /// NotFoundException "Invalid keyId '&lt;given&gt;'"; a key ARN of another account or an unknown key →
    /// NotFoundException "Key '&lt;arn&gt;' does not exist"; an unknown alias → NotFoundException "Alias &lt;alias-arn&gt; is not found.".
    /// </summary>
    private string ResolveKeyId(string? keyId, KeyIdForms forms)
    {
        KeyRules.Require(keyId, "keyId");
        if (forms == KeyIdForms.None)
            forms = KeyIdForms.Any;

        if (keyId.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (!KmsArn.TryParse(keyId, out var arn))
                throw KmsException.NotFound("Invalid arn");
            if (arn.Region != _region)
                throw KmsException.NotFound($"Invalid arn {arn.Region}");
            if (!forms.HasFlag(arn.IsAlias ? KeyIdForms.AliasArn : KeyIdForms.KeyArn))
                throw InvalidKeyId(keyId);
            var here = arn.AccountId == _accountId;
            if (arn.IsAlias)
                return here ? AliasTarget(arn.AliasName) : throw AliasNotFound(keyId);
            return here && IsKnownKey(arn.ResourceId) ? arn.ResourceId : throw KmsException.NotFound($"Key '{keyId}' does not exist");
        }

        if (keyId.StartsWith("alias/", StringComparison.Ordinal))
            return forms.HasFlag(KeyIdForms.AliasName) ? AliasTarget(keyId) : throw InvalidKeyId(keyId);

        if (IsKnownKey(keyId))
            return keyId;
        throw KmsArn.IsWellFormedKeyId(keyId)
            ? KmsException.NotFound($"Key '{KeyArn(keyId)}' does not exist")
            : InvalidKeyId(keyId);
    }

    private static KmsException InvalidKeyId(string given) => KmsException.NotFound($"Invalid keyId '{given}'");

    private string AliasTarget(string aliasName) =>
        _index.Aliases.TryGetValue(aliasName, out var alias) ? alias.TargetKeyId : throw AliasNotFound(AliasArn(aliasName));

    private static KmsException AliasNotFound(string aliasArn) => KmsException.NotFound($"Alias {aliasArn} is not found.");

    /// <summary>Indexed, or being created right now (its actor has not reported yet).</summary>
    private bool IsKnownKey(string keyId) => _index.HasKey(keyId) || _pending.ContainsKey(keyId);
}
