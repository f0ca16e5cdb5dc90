using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;

namespace KmsActors.Kms.Keys;

// CreateGrant, ListGrants, RetireGrant, RevokeGrant on one key (docs/grants.md). Who may call CreateGrant, ListGrants and
// RevokeGrant is the key policy's and IAM's question (the authorizer's); who may retire a grant is the grant's own.
public static partial class KeyRules
{
    /// <summary>AWS resource quotas: grants per KMS key, and grants per KMS key for one grantee principal.</summary>
    public const int MaxGrantsPerKey = 50_000;
    public const int MaxGrantsPerGranteePerKey = 500;
    private const int MaxConstraintPairs = 8;
    private const int MaxConstraintValueLength = 384;

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex GrantIdPattern();

    private static readonly GrantOperation[] AnyKeyGrantOperations = [GrantOperation.DescribeKey, GrantOperation.CreateGrant, GrantOperation.RetireGrant];

    /// <summary>The operations a grant on this key may allow (AWS "Grant operations": those the key supports).</summary>
    public static IReadOnlySet<GrantOperation> GrantOperationsFor(KmsKey key)
    {
        GrantOperation[] own = key.KeyUsage switch
        {
            _ when IsSymmetric(key) =>
            [
                GrantOperation.Encrypt, GrantOperation.Decrypt, GrantOperation.ReEncryptFrom, GrantOperation.ReEncryptTo,
                GrantOperation.GenerateDataKey, GrantOperation.GenerateDataKeyWithoutPlaintext,
                GrantOperation.GenerateDataKeyPair, GrantOperation.GenerateDataKeyPairWithoutPlaintext,
            ],
            KeyUsageType.GENERATE_VERIFY_MAC => [GrantOperation.GenerateMac, GrantOperation.VerifyMac],
            KeyUsageType.ENCRYPT_DECRYPT => [GrantOperation.Encrypt, GrantOperation.Decrypt, GrantOperation.ReEncryptFrom, GrantOperation.ReEncryptTo, GrantOperation.GetPublicKey],
            KeyUsageType.SIGN_VERIFY => [GrantOperation.Sign, GrantOperation.Verify, GrantOperation.GetPublicKey],
            KeyUsageType.KEY_AGREEMENT => [GrantOperation.DeriveSharedSecret, GrantOperation.GetPublicKey],
            _ => [],
        };
        return new HashSet<GrantOperation>([.. AnyKeyGrantOperations, .. own]);
    }

    /// <summary>A grant's ID: 64 hex digits derived from the key and the CreateGrant request ID (deterministic IDs stay deterministic).</summary>
    public static string NewGrantId(string keyArn, string requestId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"grant/{keyArn}/{requestId}")));

    /// <summary>
    /// CreateGrant: validates, then either finds the grant a retry with the same Name and parameters asks for (no event,
    /// its ID and a new token) or creates a new one. <paramref name="requestId"/> makes the new grant's ID and token.
    /// </summary>
    public static KeyDecision CreateGrant(KmsKey key, CreateGrantRequest r, string requestId, DateTimeOffset now)
    {
        CheckPrincipal("granteePrincipal", r.GranteePrincipal!);
        if (r.RetiringPrincipal is not null)
            CheckPrincipal("retiringPrincipal", r.RetiringPrincipal);
        var operations = r.Operations!.Distinct().ToImmutableList();
        if (operations.IsEmpty)
            throw KmsException.Validation("Grants must contain at least one operation.");
        if (operations.All(o => o == GrantOperation.CreateGrant))
            throw KmsException.Validation("Grants must not contain only the CreateGrant operation.");
        var allowed = GrantOperationsFor(key);
        var invalid = operations.Where(o => !allowed.Contains(o)).ToList();
        if (invalid.Count > 0)
            throw KmsException.Validation($"Grant operations [{string.Join(", ", invalid)}] are not valid for {key.Arn}: a key of KeySpec {key.KeySpec} and KeyUsage {key.KeyUsage} supports only [{string.Join(", ", Enum.GetValues<GrantOperation>().Where(allowed.Contains))}].");
        var equals = Constraint("constraints.encryptionContextEquals", r.Constraints?.EncryptionContextEquals);
        var subset = Constraint("constraints.encryptionContextSubset", r.Constraints?.EncryptionContextSubset);
        if (equals is not null || subset is not null)
        {
            // AWS: encryption-context constraints only on grants whose cryptographic operations take an encryption context
            // (DescribeKey, CreateGrant and RetireGrant may ride along; the constraint does not apply to them).
            var noContext = operations.Where(o => !AnyKeyGrantOperations.Contains(o) && (!IsSymmetric(key) || !GrantRules.TakesEncryptionContext.Contains(o))).ToList();
            if (noContext.Count > 0)
                throw KmsException.Validation($"Grant constraints are not supported for the operations [{string.Join(", ", noContext)}] on {key.Arn}: only cryptographic operations with a symmetric encryption KMS key take an encryption context.");
        }
        CheckState(key, "CreateGrant");

        var grant = new Grant
        {
            GrantId = NewGrantId(key.Arn, requestId),
            Name = r.Name,
            CreationDate = now,
            GranteePrincipal = r.GranteePrincipal!,
            RetiringPrincipal = r.RetiringPrincipal,
            IssuingAccount = $"arn:{PartitionOf(key.Arn)}:iam::{key.AccountId}:root",
            Operations = operations,
            EncryptionContextEquals = equals,
            EncryptionContextSubset = subset,
        };
        // AWS: with a Name, a retry with identical parameters returns the original GrantId (and a new token) and creates nothing.
        var existing = r.Name is null ? null : key.Grants.FirstOrDefault(g => g.Name == r.Name && SameParameters(g, grant));
        if (existing is null)
        {
            if (key.Grants.Count >= MaxGrantsPerKey)
                throw new KmsException(KmsErrorCodes.LimitExceededException, $"The request was rejected because {key.Arn} has reached the limit of {MaxGrantsPerKey} grants.");
            if (key.Grants.Count(g => g.GranteePrincipal == grant.GranteePrincipal) >= MaxGrantsPerGranteePerKey)
                throw new KmsException(KmsErrorCodes.LimitExceededException,
                    $"The request was rejected because {key.Arn} has reached the limit of {MaxGrantsPerGranteePerKey} grants for the grantee principal {grant.GranteePrincipal}.");
        }
        DryRun(r.DryRun);
        var id = existing?.GrantId ?? grant.GrantId;
        var response = new CreateGrantResponse { GrantId = id, GrantToken = GrantToken.Issue(key.Arn, id, requestId) };
        return existing is not null ? KeyDecision.Reply(response) : KeyDecision.Persist(response, new GrantCreated(grant));
    }

    /// <summary>ListGrants: the key's grants in creation order, optionally one grant ID or one grantee principal.</summary>
    public static KeyDecision ListGrants(KmsKey key, ListGrantsRequest r)
    {
        if (r.GrantId is not null)
            CheckGrantId(r.GrantId);
        CheckState(key, "ListGrants");
        var grants = key.Grants.Where(g => (r.GrantId is null || g.GrantId == r.GrantId) && (r.GranteePrincipal is null || g.GranteePrincipal == r.GranteePrincipal)).ToList();
        var (start, count) = Page("ListGrants", r.Limit, r.Marker, grants.Count);
        var next = NextMarker(start, count, grants.Count);
        return KeyDecision.Reply(new ListGrantsResponse
        {
            Grants = [.. grants.Skip(start).Take(count).Select(g => g.ToListEntry(key.Arn))],
            NextMarker = next,
            Truncated = next is not null,
        });
    }

    /// <summary>RetireGrant of the grant (its ID from the request's GrantId or its token, see <see cref="GrantIdOf"/>)
    /// by <paramref name="caller"/>: those <see cref="GrantRules.MayRetire"/> names may, and principals of the key's account
    /// to whom it delegated retiring (<paramref name="delegated"/>: its IAM policies allow kms:RetireGrant).</summary>
    public static KeyDecision RetireGrant(KmsKey key, RetireGrantRequest r, PrincipalInfo caller, DateTimeOffset now, bool delegated = false)
    {
        var grantId = GrantIdOf(key, r);
        CheckState(key, "RetireGrant");
        var grant = FindGrant(key, grantId);
        if (!delegated && !GrantRules.MayRetire(grant, caller))
            throw new KmsException(AuthorizationDecision.AccessDeniedException,
                $"User: {caller.Arn} is not authorized to perform: kms:RetireGrant on resource: {key.Arn} because the grant does not name it as retiring principal, nor as grantee principal with the RetireGrant operation");
        DryRun(r.DryRun);
        return KeyDecision.Persist(EmptyResponse.Instance, new GrantRetired(grant.GrantId, Revoked: false, now));
    }

    /// <summary>The grant a RetireGrant names: its token's grant (which must be of this key) or its GrantId.</summary>
    public static string GrantIdOf(KmsKey key, RetireGrantRequest r)
    {
        if (r.GrantToken is not null)
        {
            if (!GrantToken.TryRead(r.GrantToken, out var keyArn, out var tokenGrantId) || keyArn != key.Arn)
                throw new KmsException(KmsErrorCodes.InvalidGrantTokenException, "Invalid grant token.");
            if (r.GrantId is not null && r.GrantId != tokenGrantId)
                throw new KmsException(KmsErrorCodes.InvalidGrantIdException, $"Grant ID {r.GrantId} does not match the grant token.");
            return tokenGrantId;
        }
        if (r.GrantId is null)
            throw KmsException.Validation("Either GrantToken, or both KeyId and GrantId, must be specified.");
        CheckGrantId(r.GrantId);
        return r.GrantId;
    }

    /// <summary>RevokeGrant: whoever the key policy and IAM let call it revokes any grant of the key.</summary>
    public static KeyDecision RevokeGrant(KmsKey key, RevokeGrantRequest r, DateTimeOffset now)
    {
        CheckGrantId(r.GrantId!);
        CheckState(key, "RevokeGrant");
        var grant = FindGrant(key, r.GrantId!);
        DryRun(r.DryRun);
        return KeyDecision.Persist(EmptyResponse.Instance, new GrantRetired(grant.GrantId, Revoked: true, now));
    }

    private static Grant FindGrant(KmsKey key, string grantId) =>
        key.Grants.FirstOrDefault(g => g.GrantId == grantId) ?? throw KmsException.NotFound($"Grant ID {grantId} not found for key {key.Arn}.");

    private static void CheckGrantId(string grantId)
    {
        if (!GrantIdPattern().IsMatch(grantId))
            throw new KmsException(KmsErrorCodes.InvalidGrantIdException, $"Invalid grant ID: {grantId}");
    }

    /// <summary>Grantee and retiring principals: AWS accounts, IAM users and roles, federated users, assumed-role sessions, service principals.</summary>
    private static void CheckPrincipal(string member, string principal)
    {
        if (!PrincipalInfo.TryFromArn(principal, out _))
            throw new KmsException(KmsErrorCodes.InvalidArnException, $"ARN {principal} is not a valid principal.");
    }

    private static ImmutableSortedDictionary<string, string>? Constraint(string member, IReadOnlyDictionary<string, string>? pairs)
    {
        if (pairs is null)
            return null;
        if (pairs.Count > MaxConstraintPairs)
            throw KmsException.Validation($"1 validation error detected: Value at '{member}' failed to satisfy constraint: Map must have at most {MaxConstraintPairs} entries");
        foreach (var (name, value) in pairs)
        {
            if (value.Length > MaxConstraintValueLength)
                throw Violation($"{member}.{name}", value, $"Member must have length less than or equal to {MaxConstraintValueLength}");
        }
        return pairs.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    private static bool SameParameters(Grant a, Grant b) =>
        a.GranteePrincipal == b.GranteePrincipal && a.RetiringPrincipal == b.RetiringPrincipal
        && a.Operations.ToHashSet().SetEquals(b.Operations)
        && SamePairs(a.EncryptionContextEquals, b.EncryptionContextEquals) && SamePairs(a.EncryptionContextSubset, b.EncryptionContextSubset);

    private static bool SamePairs(ImmutableSortedDictionary<string, string>? a, ImmutableSortedDictionary<string, string>? b) =>
        a is null ? b is null : b is not null && a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static string PartitionOf(string arn) => arn.Split(':', 3)[1];

    private static void DryRun(bool? dryRun)
    {
        if (dryRun == true)
            throw new KmsException(KmsErrorCodes.DryRunOperationException, "The request would have succeeded, but the DryRun option is set.");
    }
}
