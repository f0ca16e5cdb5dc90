using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Policy;

/// <summary>
/// What a key's grants allow (docs/grants.md), as pure functions the authorizer calls before a key operation:
/// a grant allows its grantee principal the grant's operations on its key, when its encryption-context constraints
/// hold for the request and it is effective (older than the propagation delay, or named by one of the request's
/// grant tokens). Grants only allow; they never deny.
/// </summary>
public static class GrantRules
{
    /// <summary>The grant operations whose requests take an encryption context: the only ones grant constraints apply to.</summary>
    public static readonly IReadOnlySet<GrantOperation> TakesEncryptionContext = new HashSet<GrantOperation>
    {
        GrantOperation.Encrypt, GrantOperation.Decrypt, GrantOperation.ReEncryptFrom, GrantOperation.ReEncryptTo,
        GrantOperation.GenerateDataKey, GrantOperation.GenerateDataKeyWithoutPlaintext,
        GrantOperation.GenerateDataKeyPair, GrantOperation.GenerateDataKeyPairWithoutPlaintext,
    };

    /// <summary>
    /// True when a grant on <paramref name="key"/> allows <paramref name="caller"/> <paramref name="operation"/>
    /// (an API name such as "Encrypt", "DescribeKey", or for ReEncrypt "ReEncryptFrom" / "ReEncryptTo"; "kms:" prefix
    /// allowed). Operations no grant can allow (ListGrants, RevokeGrant, PutKeyPolicy, …) are never allowed.
    /// </summary>
    /// <param name="encryptionContext">The request's encryption context (null: none).</param>
    /// <param name="grantTokens">The request's GrantTokens: a grant they name is effective at once.</param>
    /// <param name="now">The engine clock.</param>
    /// <param name="propagationDelay">kms.realism.eventual-consistency.grant-delay (<see cref="Realism.RealismSettings.GrantPropagationDelay"/>).</param>
    public static bool Allows(KmsKey key, PrincipalInfo caller, string operation, IReadOnlyDictionary<string, string>? encryptionContext,
        IReadOnlyList<string>? grantTokens, DateTimeOffset now, TimeSpan propagationDelay) =>
        AllowingGrant(key, caller, operation, encryptionContext, grantTokens, now, propagationDelay) is not null;

    /// <summary>As <see cref="Allows"/>: the first grant (in creation order) that allows the call, or null.</summary>
    public static Grant? AllowingGrant(KmsKey key, PrincipalInfo caller, string operation, IReadOnlyDictionary<string, string>? encryptionContext,
        IReadOnlyList<string>? grantTokens, DateTimeOffset now, TimeSpan propagationDelay)
    {
        if (key.Grants.IsEmpty || OperationOf(operation) is not { } wanted)
            return null;
        foreach (var grant in key.Grants)
        {
            if (IsGrantee(grant, caller) && grant.Operations.Contains(wanted) && ConstraintsHold(grant, wanted, encryptionContext)
                && IsEffective(key, grant, grantTokens, now, propagationDelay))
                return grant;
        }
        return null;
    }

    /// <summary>
    /// CreateGrant allowed by a grant (AWS: a grant that includes CreateGrant lets its grantee create grants with the same
    /// or fewer operations and an equally strict or stricter encryption-context constraint). True when some effective
    /// grant of <paramref name="caller"/> includes CreateGrant, includes every operation of <paramref name="request"/>,
    /// and the request's constraints are at least as strict as the grant's.
    /// </summary>
    public static bool AllowsCreateGrant(KmsKey key, PrincipalInfo caller, CreateGrantRequest request, DateTimeOffset now, TimeSpan propagationDelay)
    {
        var operations = request.Operations ?? [];
        foreach (var grant in key.Grants)
        {
            if (IsGrantee(grant, caller) && grant.Operations.Contains(GrantOperation.CreateGrant)
                && operations.All(grant.Operations.Contains) && AtLeastAsStrict(request.Constraints, grant)
                && IsEffective(key, grant, request.GrantTokens, now, propagationDelay))
                return true;
        }
        return false;
    }

    /// <summary>
    /// Who may retire a grant (AWS, "Retiring and revoking grants"): its retiring principal, its grantee principal when
    /// the grant includes RetireGrant, and the account the grant was created in (its root user). A role named in the
    /// grant matches that role's sessions. Principals the account delegates retiring to through IAM are the
    /// authorizer's to add.
    /// </summary>
    public static bool MayRetire(Grant grant, PrincipalInfo caller) =>
        Matches(grant.RetiringPrincipal, caller)
        || (grant.Operations.Contains(GrantOperation.RetireGrant) && IsGrantee(grant, caller))
        || (caller.IsRoot && caller.Arn == grant.IssuingAccount);

    /// <summary>The grant names the caller (or, for a role session, its role) as grantee principal.</summary>
    public static bool IsGrantee(Grant grant, PrincipalInfo caller) => Matches(grant.GranteePrincipal, caller);

    /// <summary>The grant's constraints hold for a request of <paramref name="operation"/> with this encryption context.
    /// They apply only to operations that take an encryption context; keys compare case-insensitively, values exactly.</summary>
    public static bool ConstraintsHold(Grant grant, GrantOperation operation, IReadOnlyDictionary<string, string>? encryptionContext)
    {
        if (!TakesEncryptionContext.Contains(operation))
            return true;
        var context = encryptionContext ?? new Dictionary<string, string>();
        if (grant.EncryptionContextEquals is { } equals && (equals.Count != context.Count || !Includes(context, equals)))
            return false;
        return grant.EncryptionContextSubset is not { } subset || Includes(context, subset);
    }

    /// <summary>Effective: created at least <paramref name="propagationDelay"/> ago, or one of the tokens was issued for it.</summary>
    public static bool IsEffective(KmsKey key, Grant grant, IReadOnlyList<string>? grantTokens, DateTimeOffset now, TimeSpan propagationDelay)
    {
        if (grant.CreationDate + propagationDelay <= now)
            return true;
        foreach (var token in grantTokens ?? [])
        {
            if (GrantToken.TryRead(token, out var keyArn, out var grantId) && keyArn == key.Arn && grantId == grant.GrantId)
                return true;
        }
        return false;
    }

    /// <summary>The grant operation of an API operation name ("Encrypt", "kms:ReEncryptFrom"), null when no grant can allow it.</summary>
    public static GrantOperation? OperationOf(string operation)
    {
        var name = operation.StartsWith("kms:", StringComparison.Ordinal) ? operation[4..] : operation;
        return Enum.TryParse<GrantOperation>(name, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(name[0])
            ? parsed
            : null;
    }

    private static bool Matches(string? named, PrincipalInfo caller) =>
        named is not null && (named == caller.Arn || named == caller.PrincipalArn);

    /// <summary>Every pair of <paramref name="required"/> is in <paramref name="context"/>: key case-insensitive, value exact.</summary>
    private static bool Includes(IReadOnlyDictionary<string, string> context, IReadOnlyDictionary<string, string> required)
    {
        foreach (var (name, value) in required)
        {
            if (!context.Any(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase) && pair.Value == value))
                return false;
        }
        return true;
    }

    /// <summary>A new grant's constraints are at least as strict as <paramref name="parent"/>'s: an Equals parent needs the
    /// same Equals; a Subset parent needs a Subset or an Equals that includes its pairs; no constraint allows any.</summary>
    private static bool AtLeastAsStrict(GrantConstraints? requested, Grant parent)
    {
        var equals = requested?.EncryptionContextEquals;
        var subset = requested?.EncryptionContextSubset;
        if (parent.EncryptionContextEquals is { } parentEquals)
            return equals is not null && equals.Count == parentEquals.Count && Includes(equals, parentEquals);
        if (parent.EncryptionContextSubset is { } parentSubset)
            return (equals is not null && Includes(equals, parentSubset)) || (subset is not null && Includes(subset, parentSubset));
        return true;
    }
}
