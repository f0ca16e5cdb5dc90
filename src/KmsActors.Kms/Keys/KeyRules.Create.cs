using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// CreateKey (Origin EXTERNAL: docs/byok.md) and the creation of a multi-Region replica (docs/multi-region-keys.md).
public static partial class KeyRules
{
    [GeneratedRegex("^mrk-[a-f0-9]{32}$")]
    private static partial Regex MultiRegionKeyIdPattern();

    /// <summary>The KeyUsage values AWS accepts for each key spec (SM2 only in China Regions).</summary>
    public static IReadOnlyList<KeyUsageType> AllowedUsages(KeySpec spec) => spec switch
    {
        KeySpec.SYMMETRIC_DEFAULT => [KeyUsageType.ENCRYPT_DECRYPT],
        KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096 => [KeyUsageType.ENCRYPT_DECRYPT, KeyUsageType.SIGN_VERIFY],
        KeySpec.ECC_NIST_P256 or KeySpec.ECC_NIST_P384 or KeySpec.ECC_NIST_P521 => [KeyUsageType.SIGN_VERIFY, KeyUsageType.KEY_AGREEMENT],
        KeySpec.ECC_SECG_P256K1 => [KeyUsageType.SIGN_VERIFY],
        KeySpec.HMAC_224 or KeySpec.HMAC_256 or KeySpec.HMAC_384 or KeySpec.HMAC_512 => [KeyUsageType.GENERATE_VERIFY_MAC],
        KeySpec.SM2 => [KeyUsageType.ENCRYPT_DECRYPT, KeyUsageType.SIGN_VERIFY, KeyUsageType.KEY_AGREEMENT],
        KeySpec.ML_DSA_44 or KeySpec.ML_DSA_65 or KeySpec.ML_DSA_87 => [KeyUsageType.SIGN_VERIFY],
        KeySpec.ECC_NIST_EDWARDS25519 => [KeyUsageType.SIGN_VERIFY],
        _ => [],
    };

    private static readonly ConcurrentDictionary<(string Partition, string AccountId), string> DefaultPolicies = new();

    /// <summary>The default key policy AWS attaches when CreateKey has none ("Enable IAM User Permissions"). One string
    /// per account, shared by its keys: a key held in memory (live, or in the in-memory journal) keeps a reference,
    /// not its own ~700-byte copy.</summary>
    public static string DefaultPolicy(string partition, string accountId) =>
        DefaultPolicies.GetOrAdd((partition, accountId), static account => NewDefaultPolicy(account.Partition, account.AccountId));

    private static string NewDefaultPolicy(string partition, string accountId) => $$"""
        {
          "Version" : "2012-10-17",
          "Id" : "key-default-1",
          "Statement" : [ {
            "Sid" : "Enable IAM User Permissions",
            "Effect" : "Allow",
            "Principal" : {
              "AWS" : "arn:{{partition}}:iam::{{accountId}}:root"
            },
            "Action" : "kms:*",
            "Resource" : "*"
          } ]
        }
        """;

    private static KeyDecision Create(KmsKey? existing, CreateKeyRequest r, KeyContext c)
    {
        if (existing is not null)
            throw KmsException.Internal($"Key {existing.KeyId} already exists.");
        if (r.KeySpec is not null && r.CustomerMasterKeySpec is not null)
            throw KmsException.Validation("You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.");
        var spec = r.KeySpec ?? (r.CustomerMasterKeySpec is { } cmks ? Enum.Parse<KeySpec>(cmks.ToString()) : KeySpec.SYMMETRIC_DEFAULT);
        var origin = r.Origin ?? OriginType.AWS_KMS;

        // No custom key stores in KmsActors: CloudHSM and external key stores are refused outright.
        if (origin is OriginType.AWS_CLOUDHSM or OriginType.EXTERNAL_KEY_STORE || r.CustomKeyStoreId is not null || r.XksKeyId is not null)
            throw KmsException.Unsupported($"Origin {origin} and custom key stores are not supported by KmsActors; use AWS_KMS or EXTERNAL.");

        // AWS: KeyUsage is required for every key spec except SYMMETRIC_DEFAULT.
        if (r.KeyUsage is null && spec != KeySpec.SYMMETRIC_DEFAULT)
            throw KmsException.Validation("You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.");
        var usage = r.KeyUsage ?? KeyUsageType.ENCRYPT_DECRYPT;
        if (!AllowedUsages(spec).Contains(usage))
            throw KmsException.Validation($"KeyUsage {usage} is not compatible with KeySpec {spec}");

        // AWS: ML-DSA material cannot be imported; Ed25519 import is unconfirmed, KmsActors refuses it too (docs/byok.md).
        if (origin == OriginType.EXTERNAL && spec is KeySpec.ML_DSA_44 or KeySpec.ML_DSA_65 or KeySpec.ML_DSA_87 or KeySpec.ECC_NIST_EDWARDS25519)
            throw KmsException.Unsupported($"KeySpec {spec} does not support imported key material (Origin EXTERNAL).");

        var tags = r.Tags ?? [];
        CheckTags(tags);
        if (r.Policy is not null)
            CheckPolicy(r.Policy);

        var multiRegion = r.MultiRegion ?? false;
        var keyId = c.NewKeyId ?? throw KmsException.Internal("CreateKey needs a new key ID.");
        if (multiRegion != MultiRegionKeyIdPattern().IsMatch(keyId) || (!multiRegion && !Guid.TryParseExact(keyId, "D", out _)))
            throw KmsException.Internal($"Key ID {keyId} does not fit MultiRegion={multiRegion}.");
        var arn = c.KeyArn(keyId);

        var materials = ImmutableList<KeyMaterialEntry>.Empty;
        var state = KeyState.PendingImport; // EXTERNAL: created without material (docs/byok.md)
        if (origin == OriginType.AWS_KMS)
        {
            var generated = c.GeneratedMaterial ?? throw KmsException.Internal("CreateKey with Origin AWS_KMS needs generated key material.");
            materials = [new KeyMaterialEntry
            {
                KeyMaterialId = generated.KeyMaterialId,
                Commitment = generated.Commitment,
                Material = generated.Material,
                KeyMaterialState = KeyMaterialState.CURRENT,
            }];
            state = KeyState.Enabled;
        }

        var key = new KmsKey
        {
            KeyId = keyId,
            Arn = arn,
            AccountId = c.AccountId,
            Region = c.Region,
            CreationDate = c.Now,
            Description = r.Description ?? "",
            KeyUsage = usage,
            KeySpec = spec,
            Origin = origin,
            State = state,
            MultiRegion = multiRegion,
            MultiRegionKeyType = multiRegion ? MultiRegionKeyType.PRIMARY : null,
            PrimaryArn = multiRegion ? arn : null,
            Policies = ImmutableSortedDictionary<string, string>.Empty.Add("default", r.Policy ?? DefaultPolicy(c.Partition, c.AccountId)),
            Tags = ToDictionary(tags),
            Materials = materials,
        };
        return KeyDecision.Persist(new CreateKeyResponse { KeyMetadata = Describe(key) }, new KeyCreated(key));
    }

    /// <summary>
    /// Creates the replica of <paramref name="primary"/> in <c>context.Region</c> (docs/multi-region-keys.md): same key ID, spec,
    /// usage, origin and rotation setting; own policy, tags, description and state. An EXTERNAL replica starts in
    /// PendingImport knowing the primary's materials only by ID and commitment, so its imports must be the same material.
    /// </summary>
    public static KeyDecision CreateReplica(KmsKey primary, ReplicateKeyRequest r, KeyContext c)
    {
        var tags = r.Tags ?? [];
        CheckTags(tags);
        if (r.Policy is not null)
            CheckPolicy(r.Policy);
        var arn = c.KeyArn(primary.KeyId);
        var external = primary.Origin == OriginType.EXTERNAL;
        var materials = primary.Materials
            .Select(m => external
                ? m with
                {
                    Material = null, SealedMaterial = null, ImportState = ImportState.PENDING_IMPORT, ExpirationModel = null, ValidTo = null,
                    ImportedInReplicas = null,
                    // The primary's pending material is pending import here until this replica imports it too.
                    KeyMaterialState = m.IsPermanentlyAssociated ? m.KeyMaterialState : KeyMaterialState.PENDING_MULTI_REGION_IMPORT_AND_ROTATION,
                }
                : m)
            .ToImmutableList();
        var key = new KmsKey
        {
            KeyId = primary.KeyId,
            Arn = arn,
            AccountId = c.AccountId,
            Region = c.Region,
            CreationDate = c.Now,
            Description = r.Description ?? "",
            KeyUsage = primary.KeyUsage,
            KeySpec = primary.KeySpec,
            Origin = primary.Origin,
            // AWS: a new replica is Creating for a few seconds (CompleteReplicaCreation), then Enabled or PendingImport.
            State = KeyState.Creating,
            CreatingUntil = c.Now + c.ReplicaCreationDelay,
            MultiRegion = true,
            MultiRegionKeyType = MultiRegionKeyType.REPLICA,
            PrimaryArn = primary.Arn,
            ReplicaArns = primary.ReplicaArns.Add(arn),
            Policies = ImmutableSortedDictionary<string, string>.Empty.Add("default", r.Policy ?? DefaultPolicy(c.Partition, c.AccountId)),
            Tags = ToDictionary(tags),
            Materials = materials,
            KeyRotationEnabled = primary.KeyRotationEnabled,
            RotationPeriodInDays = primary.RotationPeriodInDays,
            NextRotationDate = primary.NextRotationDate,
        };
        var response = new ReplicateKeyResponse { ReplicaKeyMetadata = Describe(key), ReplicaPolicy = key.Policies["default"], ReplicaTags = ToTags(key.Tags) };
        return KeyDecision.Persist(response, new KeyCreated(key));
    }

    private static ImmutableSortedDictionary<string, string> ToDictionary(IReadOnlyList<Tag> tags) =>
        tags.Aggregate(ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal), (d, t) => d.SetItem(t.TagKey!, t.TagValue!));

    internal static IReadOnlyList<Tag> ToTags(IEnumerable<KeyValuePair<string, string>> tags) =>
        tags.Select(t => new Tag { TagKey = t.Key, TagValue = t.Value }).ToList();
}
